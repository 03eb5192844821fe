/** GET /v1/orgs/:orgId/checklist — the seed's five ways to spend fewer calls, measured for this org. */
import type { FastifyPluginAsync } from 'fastify';
import type { RouteOptions } from '../http/route-options.ts';
import { routeSchema } from '../http/contract.ts';
import { orgOf } from '../http/org-scope.ts';
import { checklistFor } from './checklist.ts';

export const checklistRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services, scoped }) => {
  app.get('/v1/orgs/:orgId/checklist', { ...scoped('checklist:read'), schema: routeSchema('getChecklist') }, async (request) => checklistFor(services, orgOf(request)));
};
