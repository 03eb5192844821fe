/** GET /metrics (Prometheus text format) for the operator, and request timings for every route. */
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { Problem } from '../errors.ts';
import { routeSchema } from '../http/contract.ts';
import type { RouteOptions } from '../http/route-options.ts';

// fastify-plugin: the timing hook must see every route, not only this plugin's.
const plugin: FastifyPluginAsync<RouteOptions> = async (app, { services, auth }) => {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    services.metrics.httpRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: routeSchema('getMetrics') }, async (request, reply) => {
    const principal = await auth.authenticate(request);
    if (principal.kind !== 'operator') throw new Problem('FORBIDDEN_SCOPE', 'Metrics are for the operator key.');
    return reply.type(services.metrics.registry.contentType).send(await services.metrics.registry.metrics());
  });
};

export const metricsRoutes = fp(plugin, { name: 'metrics' });
