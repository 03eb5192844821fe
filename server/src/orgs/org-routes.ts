/** /v1/orgs: create (operator), read, change and delete an org. */
import type { FastifyPluginAsync } from 'fastify';
import { Problem } from '../errors.ts';
import { keys } from '../keys.ts';
import type { RouteOptions } from '../http/route-options.ts';
import { orgOf, orgScope } from '../http/org-scope.ts';
import { parseInput } from '../http/validate.ts';
import { orgCreateSchema, orgPatchSchema } from './org-input.ts';
import { createOrg, deleteOrg, updateOrg } from './org-service.ts';
import { orgView } from './org-view.ts';

export const orgRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services, auth }) => {
  const scoped = { preHandler: orgScope(auth, services.orgs) };

  app.post('/v1/orgs', async (request, reply) => {
    const principal = await auth.authenticate(request);
    if (principal.kind !== 'operator') throw new Problem('FORBIDDEN_SCOPE', 'Only the operator key creates orgs.');
    const org = await createOrg(services, parseInput(orgCreateSchema, request.body, 'body'));
    return reply.code(201).header('Location', `/v1/orgs/${org.id}`).send(orgView(org));
  });

  app.get('/v1/orgs/:orgId', scoped, async (request) => orgView(orgOf(request)));

  app.patch('/v1/orgs/:orgId', scoped, async (request) => {
    const org = await updateOrg(services, orgOf(request), parseInput(orgPatchSchema, request.body, 'body'));
    return orgView(org);
  });

  app.delete('/v1/orgs/:orgId', scoped, async (request, reply) => {
    await deleteOrg(services, orgOf(request), keys.orgPrefix(orgOf(request).id));
    return reply.code(204).send();
  });
};
