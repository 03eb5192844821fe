/** GET /v1/orgs/:orgId/usage — budget, window, org usage, breakdown, release curve and forecast. */
import type { FastifyPluginAsync } from 'fastify';
import type { RouteOptions } from '../http/route-options.ts';
import { routeSchema } from '../http/contract.ts';
import { orgOf } from '../http/org-scope.ts';
import { buildUsageReport, type RelationshipCalls } from './report.ts';
import { callsByRelationship, sumCounters } from './call-recorder.ts';

export const usageRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services, scoped }) => {
  app.get('/v1/orgs/:orgId/usage', { ...scoped('usage:read'), schema: routeSchema('getUsage') }, async (request) => {
    const org = orgOf(request);
    const snapshot = await services.limiter.store.snapshot(org.id);
    const hours = await services.recorder.lastHours(org.id, snapshot.now);
    return buildUsageReport({
      snapshot,
      policy: org.policy,
      byRelationship: callsByRelationship(hours) as RelationshipCalls[],
      denied: sumCounters(hours, 'denied'),
    });
  });
};
