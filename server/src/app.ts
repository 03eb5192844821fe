/** Builds the callbudget API as a Fastify instance; it never listens (main.ts does). */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { installProblemHandlers } from './http/problem-handler.ts';
import { openapiPlugin } from './http/openapi.ts';
import { healthRoutes } from './http/health-routes.ts';

export interface AppDeps {
  config: Config;
  /** Readiness of the shared state (Redis, or the in-process store). */
  ready: () => Promise<boolean>;
}

/** Largest request body we accept: 200 records of a wide object fit well inside it. */
export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/** Assemble the app with its routes and handlers. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  installProblemHandlers(app);
  await app.register(openapiPlugin);
  await app.register(healthRoutes, { ready: deps.ready });
  return app;
}
