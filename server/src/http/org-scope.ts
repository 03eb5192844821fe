/**
 * Routes under /v1/orgs/:orgId: authenticate, load the org, and check the caller may reach it.
 * A key of another org gets 404, not 403, so org ids don't leak.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from '../errors.ts';
import type { Authenticator } from '../access/authenticate.ts';
import type { OrgRepository } from '../orgs/org-repository.ts';
import type { Org } from '../orgs/org.ts';

declare module 'fastify' {
  interface FastifyRequest {
    org?: Org;
  }
}

/** The org a scoped route works on (set by the orgScope hook). */
export function orgOf(request: FastifyRequest): Org {
  if (!request.org) throw new Problem('INTERNAL', 'route used outside the org scope');
  return request.org;
}

/** A preHandler that authenticates and loads `request.org` from the `orgId` path parameter. */
export function orgScope(auth: Authenticator, orgs: OrgRepository) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const principal = await auth.authenticate(request);
    request.principal = principal;
    const orgId = (request.params as { orgId?: string }).orgId ?? '';
    const org = await orgs.get(orgId);
    if (!org || (principal.kind === 'key' && principal.orgId !== org.id)) throw new Problem('NOT_FOUND', `No org ${orgId}.`);
    request.org = org;
  };
}
