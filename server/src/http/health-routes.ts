/** Liveness and readiness: /healthz says the process runs, /readyz that its store answers. */
import type { FastifyPluginAsync } from 'fastify';
import { routeSchema } from './contract.ts';
import { storeUnavailable } from '../state/store-unavailable.ts';

export interface HealthOptions {
  /** Resolves when every dependency (e.g. Redis) answers; rejects or returns false otherwise. */
  ready: () => Promise<boolean>;
}

export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, options) => {
  app.get('/healthz', { schema: routeSchema('getHealth') }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: routeSchema('getReadiness') }, async () => {
    const ready = await options.ready().catch(() => false);
    if (!ready) throw storeUnavailable(undefined, 'The limiter store did not answer.');
    return { status: 'ready' };
  });
};
