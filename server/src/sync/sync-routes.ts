/**
 * POST /v1/orgs/:orgId/sync/:relationship (push) and GET (pull). The direction is checked first,
 * right after the org scope (auth, org, the `sync` capability), so a push to a pull-only
 * relationship costs neither validation nor a call.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { rateLimitHeaders } from '../http/denial.ts';
import type { RouteOptions } from '../http/route-options.ts';
import { routeSchema } from '../http/contract.ts';
import { orgOf } from '../http/org-scope.ts';
import { parseInput } from '../http/validate.ts';
import { pullInput, pullQuerySchema } from './pull-input.ts';
import { pullRecords } from './pull-service.ts';
import { pushBodySchema } from './push-input.ts';
import { submitPush } from '../jobs/push-submission.ts';
import { prefersAsync, pushPriority } from '../jobs/push-preferences.ts';
import { IDEMPOTENCY_HEADER, idempotencyKeyOf } from '../jobs/idempotency.ts';
import { relationshipFor } from './relationship-param.ts';

export const syncRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services, scoped }) => {
  // Before validation: an unknown relationship is a 404 and the wrong direction a 409 that costs nothing.
  const inDirection =
    (way: 'push' | 'pull') =>
    async (request: FastifyRequest): Promise<void> =>
      void relationshipFor(request.params, way);
  app.post('/v1/orgs/:orgId/sync/:relationship', { ...scoped('sync'), preValidation: inDirection('push'), schema: routeSchema('pushRecords') }, async (request, reply) => {
    const relationship = relationshipFor(request.params, 'push');
    const body = parseInput(pushBodySchema, request.body, 'body');
    const ask = { org: orgOf(request), relationship, body, priority: pushPriority(request), async: prefersAsync(request.headers.prefer), idempotencyKey: idempotencyKeyOf(request.headers[IDEMPOTENCY_HEADER]) };
    const submitted = await submitPush(services, ask, reply);
    if ('job' in submitted) return submitted.job;
    const { outcome } = submitted;
    if (outcome.denied) {
      // Some records were not sent: say when they can be, as a 429 would.
      reply.headers(rateLimitHeaders(outcome.denied));
      if (outcome.denied.retryAfterMs !== null) reply.header('Retry-After', String(Math.ceil(outcome.denied.retryAfterMs / 1000)));
    }
    return outcome.response;
  });

  app.get('/v1/orgs/:orgId/sync/:relationship', { ...scoped('sync'), preValidation: inDirection('pull'), schema: routeSchema('pullRecords') }, async (request) => {
    const relationship = relationshipFor(request.params, 'pull');
    const input = pullInput(relationship, parseInput(pullQuerySchema, request.query, 'query'));
    return pullRecords(services, orgOf(request), relationship, input);
  });
};
