/** /v1/orgs: create (operator), read, change and delete an org; every change is audited. */
import type { FastifyPluginAsync } from 'fastify';
import { Problem } from '../errors.ts';
import { keys } from '../keys.ts';
import type { RouteOptions } from '../http/route-options.ts';
import { orgOf } from '../http/org-scope.ts';
import { parseInput } from '../http/validate.ts';
import { orgCreateSchema, orgPatchSchema } from './org-input.ts';
import { createOrg, deleteOrg, updateOrg } from './org-service.ts';
import { orgView } from './org-view.ts';

/** Which settings a patch touched, for the audit log; credentials are named, never shown. */
function changedFields(patch: Record<string, unknown>): string[] {
  return Object.keys(patch).sort();
}

export const orgRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services, auth, scoped }) => {
  app.post('/v1/orgs', async (request, reply) => {
    const principal = await auth.authenticate(request);
    if (principal.kind !== 'operator') throw new Problem('FORBIDDEN_SCOPE', 'Only the operator key creates orgs.');
    const input = parseInput(orgCreateSchema, request.body, 'body');
    const org = await createOrg(services, input);
    await services.audit.record(org.id, principal, 'org.created', org.id, { plan: org.plan, dailyLimit: org.policy.dailyLimit, credentials: Boolean(input.salesforce) });
    return reply.code(201).header('Location', `/v1/orgs/${org.id}`).send(orgView(org));
  });

  app.get('/v1/orgs/:orgId', scoped('org:read'), async (request) => orgView(orgOf(request)));

  app.patch('/v1/orgs/:orgId', scoped('org:write'), async (request) => {
    const patch = parseInput(orgPatchSchema, request.body, 'body');
    const before = orgOf(request);
    if (patch.plan !== undefined && request.principal?.kind !== 'operator') throw new Problem('FORBIDDEN_SCOPE', 'Only the operator changes an org\'s plan.');
    const org = await updateOrg(services, before, patch);
    await services.audit.record(org.id, request.principal!, 'org.updated', org.id, {
      fields: changedFields(patch),
      ...(patch.plan && patch.plan !== before.plan ? { plan: { from: before.plan, to: patch.plan } } : {}),
      ...(patch.dailyLimit ? { dailyLimit: { from: before.policy.dailyLimit, to: patch.dailyLimit } } : {}),
    });
    return orgView(org);
  });

  app.delete('/v1/orgs/:orgId', scoped('org:delete'), async (request, reply) => {
    const org = orgOf(request);
    await services.apiKeys.removeAll(org.id);
    await deleteOrg(services, org, keys.orgPrefix(org.id));
    return reply.code(204).send();
  });
};
