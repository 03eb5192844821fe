/** Liveness and readiness: /healthz says the process runs, /readyz that its store answers. */
import type { FastifyPluginAsync } from 'fastify';
import { storeUnavailable } from '../state/store-unavailable.ts';

export interface HealthOptions {
  /** Resolves when every dependency (e.g. Redis) answers; rejects or returns false otherwise. */
  ready: () => Promise<boolean>;
}

export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, options) => {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async () => {
    const ready = await options.ready().catch(() => false);
    if (!ready) throw storeUnavailable(undefined, 'The limiter store did not answer.');
    return { status: 'ready' };
  });
};
