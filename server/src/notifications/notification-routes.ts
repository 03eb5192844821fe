/** GET /v1/orgs/:orgId/notifications — what the CRM's Salesforce settings page shows. */
import type { FastifyPluginAsync } from 'fastify';
import type { RouteOptions } from '../http/route-options.ts';
import { routeSchema } from '../http/contract.ts';
import { orgOf } from '../http/org-scope.ts';

export const notificationRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services, scoped }) => {
  app.get('/v1/orgs/:orgId/notifications', { ...scoped('notifications:read'), schema: routeSchema('listNotifications') }, async (request) => ({
    notifications: await services.notifications.list(orgOf(request).id),
  }));
};
