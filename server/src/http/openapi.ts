/** Serves openapi.yaml (the contract) through @fastify/swagger, with Swagger UI at /docs. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/** Absolute path of the contract at the repository root. */
export const OPENAPI_PATH = fileURLToPath(new URL('../../../openapi.yaml', import.meta.url));

export const openapiPlugin = fp(
  async (app) => {
    await app.register(swagger, {
      mode: 'static',
      specification: { path: OPENAPI_PATH, baseDir: path.dirname(OPENAPI_PATH) },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true } });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
