/** /v1/orgs/:orgId/webhooks: an org's webhook endpoints (Administrators) and their delivery log; changes are audited. */
import type { FastifyPluginAsync } from 'fastify';
import { Problem } from '../errors.ts';
import type { RouteOptions } from '../http/route-options.ts';
import { routeSchema } from '../http/contract.ts';
import { orgOf } from '../http/org-scope.ts';
import { parseInput } from '../http/validate.ts';
import type { WebhookEndpoint } from './webhook-endpoints.ts';
import { webhookCreateSchema, webhookPatchSchema } from './webhook-input.ts';
import { webhookUrlProblem } from './webhook-url.ts';

/** The public view: never the secret. */
function endpointView({ sealedSecret: _secret, revision: _revision, ...view }: WebhookEndpoint): Omit<WebhookEndpoint, 'sealedSecret' | 'revision'> {
  return view;
}

export const webhookRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services, scoped }) => {
  const { endpoints, log } = services.webhooks;
  const checkUrl = (url: string): void => {
    const problem = webhookUrlProblem(url, services.config.webhookAllowedOrigins);
    if (problem) throw new Problem('VALIDATION_FAILED', `The webhook URL ${problem}.`, { errors: [{ location: 'body/url', message: problem }] });
  };
  const found = async (orgId: string, id: string): Promise<WebhookEndpoint> => {
    const endpoint = await endpoints.get(orgId, id);
    if (!endpoint) throw new Problem('NOT_FOUND', 'The org has no such webhook endpoint.');
    return endpoint;
  };
  type WithId = { Params: { webhookId: string } };

  app.post('/v1/orgs/:orgId/webhooks', { ...scoped('webhooks:manage'), schema: routeSchema('createWebhook') }, async (request, reply) => {
    const org = orgOf(request);
    const input = parseInput(webhookCreateSchema, request.body, 'body');
    checkUrl(input.url);
    const { endpoint, secret } = await endpoints.create(org.id, input);
    await services.audit.record(org.id, request.principal!, 'webhook.created', endpoint.id, { url: endpoint.url, events: endpoint.events, format: endpoint.format });
    return reply
      .code(201)
      .header('Location', `/v1/orgs/${org.id}/webhooks/${endpoint.id}`)
      .send({ ...endpointView(endpoint), secret });
  });

  app.get('/v1/orgs/:orgId/webhooks', { ...scoped('webhooks:manage'), schema: routeSchema('listWebhooks') }, async (request) => ({
    webhooks: (await endpoints.list(orgOf(request).id)).map(endpointView),
  }));

  app.get<WithId>('/v1/orgs/:orgId/webhooks/:webhookId', { ...scoped('webhooks:manage'), schema: routeSchema('getWebhook') }, async (request) => endpointView(await found(orgOf(request).id, request.params.webhookId)));

  app.patch<WithId>('/v1/orgs/:orgId/webhooks/:webhookId', { ...scoped('webhooks:manage'), schema: routeSchema('updateWebhook') }, async (request) => {
    const org = orgOf(request);
    const patch = parseInput(webhookPatchSchema, request.body, 'body');
    if (patch.url !== undefined) checkUrl(patch.url);
    const endpoint = await endpoints.update(org.id, request.params.webhookId, patch);
    if (!endpoint) throw new Problem('NOT_FOUND', 'The org has no such webhook endpoint.');
    await services.audit.record(org.id, request.principal!, 'webhook.updated', endpoint.id, { fields: Object.keys(patch).sort() });
    return endpointView(endpoint);
  });

  app.delete<WithId>('/v1/orgs/:orgId/webhooks/:webhookId', { ...scoped('webhooks:manage'), schema: routeSchema('deleteWebhook') }, async (request, reply) => {
    const org = orgOf(request);
    if (!(await endpoints.remove(org.id, request.params.webhookId))) throw new Problem('NOT_FOUND', 'The org has no such webhook endpoint.');
    await services.audit.record(org.id, request.principal!, 'webhook.deleted', request.params.webhookId);
    return reply.code(204).send();
  });

  app.get<WithId>('/v1/orgs/:orgId/webhooks/:webhookId/deliveries', { ...scoped('webhooks:manage'), schema: routeSchema('listWebhookDeliveries') }, async (request) => {
    const org = orgOf(request);
    await found(org.id, request.params.webhookId);
    return { deliveries: await log.list(org.id, request.params.webhookId) };
  });
};
