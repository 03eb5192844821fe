/** GET /v1/orgs/:orgId/notifications — what the CRM's Salesforce settings page shows — and marking one read. */
import type { FastifyPluginAsync } from 'fastify';
import type { RouteOptions } from '../http/route-options.ts';
import { routeSchema } from '../http/contract.ts';
import { orgOf } from '../http/org-scope.ts';
import { Problem } from '../errors.ts';

export const notificationRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services, scoped }) => {
  app.get('/v1/orgs/:orgId/notifications', { ...scoped('notifications:read'), schema: routeSchema('listNotifications') }, async (request) => ({
    notifications: await services.notifications.list(orgOf(request).id),
  }));

  app.post<{ Params: { notificationId: string } }>('/v1/orgs/:orgId/notifications/:notificationId/read', { ...scoped('notifications:write'), schema: routeSchema('markNotificationRead') }, async (request, reply) => {
    if (!(await services.notifications.markRead(orgOf(request).id, request.params.notificationId))) throw new Problem('NOT_FOUND', 'The org has no such notification (the newest 100 are kept).');
    return reply.code(204).send();
  });
};
