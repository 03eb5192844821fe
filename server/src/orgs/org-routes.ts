/** /v1/orgs: create (operator), read, change and delete an org; every change is audited. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Problem } from '../errors.ts';
import type { RouteOptions } from '../http/route-options.ts';
import { routeSchema } from '../http/contract.ts';
import { orgOf } from '../http/org-scope.ts';
import { parseInput } from '../http/validate.ts';
import { orgCreateSchema, orgPatchSchema } from './org-input.ts';
import { createOrg, deleteOrg, updateOrg } from './org-service.ts';
import { orgView } from './org-view.ts';
import { ifMatchAllows, orgEtag } from './org-etag.ts';

/** Which settings a patch touched, for the audit log; credentials are named, never shown. */
function changedFields(patch: Record<string, unknown>): string[] {
  return Object.keys(patch).sort();
}

export const orgRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services, auth, scoped }) => {
  // The key is checked before the body is read or validated, as on the routes under an org.
  const operatorOnly = async (request: FastifyRequest): Promise<void> => {
    request.principal = await auth.authenticate(request);
    if (request.principal.kind !== 'operator') throw new Problem('FORBIDDEN_SCOPE', 'Only the operator key creates orgs.');
  };

  app.post('/v1/orgs', { onRequest: operatorOnly, schema: routeSchema('createOrg') }, async (request, reply) => {
    const principal = request.principal!;
    const input = parseInput(orgCreateSchema, request.body, 'body');
    const org = await createOrg(services, input);
    await services.audit.record(org.id, principal, 'org.created', org.id, { plan: org.plan, dailyLimit: org.policy.dailyLimit, credentials: Boolean(input.salesforce) });
    return reply.code(201).header('Location', `/v1/orgs/${org.id}`).header('ETag', orgEtag(org)).send(orgView(org));
  });

  app.get('/v1/orgs/:orgId', { ...scoped('org:read'), schema: routeSchema('getOrg') }, async (request, reply) => {
    const org = orgOf(request);
    return reply.header('ETag', orgEtag(org)).send(orgView(org));
  });

  app.patch('/v1/orgs/:orgId', { ...scoped('org:write'), schema: routeSchema('updateOrg') }, async (request, reply) => {
    const patch = parseInput(orgPatchSchema, request.body, 'body');
    if (patch.plan !== undefined && request.principal?.kind !== 'operator') throw new Problem('FORBIDDEN_SCOPE', "Only the operator changes an org's plan.");
    const ifMatch = request.headers['if-match'];
    let start = orgOf(request);
    if (ifMatch !== undefined) {
      // Compared with the org as stored now, not the copy this instance may have cached.
      start = (await services.orgs.get(start.id, { fresh: true })) ?? start;
      if (!ifMatchAllows(ifMatch, start)) throw new Problem('PRECONDITION_FAILED', 'The org changed since the version named in If-Match; read it again.', {}, { ETag: orgEtag(start) });
    }
    const { before, after: org } = await updateOrg(services, start, patch, { exact: ifMatch !== undefined && ifMatch.trim() !== '*' });
    await services.audit.record(org.id, request.principal!, 'org.updated', org.id, {
      fields: changedFields(patch),
      ...(patch.plan && patch.plan !== before.plan ? { plan: { from: before.plan, to: patch.plan } } : {}),
      ...(patch.dailyLimit ? { dailyLimit: { from: before.policy.dailyLimit, to: patch.dailyLimit } } : {}),
    });
    return reply.header('ETag', orgEtag(org)).send(orgView(org));
  });

  app.delete('/v1/orgs/:orgId', { ...scoped('org:delete'), schema: routeSchema('deleteOrg') }, async (request, reply) => {
    const org = orgOf(request);
    await deleteOrg(services, org);
    return reply.code(204).send();
  });
};
