/**
 * Routes under /v1/orgs/:orgId: authenticate, load the org, and check the caller may use the route's
 * capability there. A key of another org gets 404, not 403, so org ids don't leak. Checked on every
 * request, so a plan downgrade or a revoked key takes effect at once. The passthrough's root mount
 * (passthrough/mounts.ts) finds the org by the key instead: a key is bound to one org.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from '../errors.ts';
import type { Authenticator } from '../access/authenticate.ts';
import { decideAccess, type Capability } from '../access/capabilities.ts';
import type { OrgRepository } from '../orgs/org-repository.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Org } from '../orgs/org.ts';
import type { Principal } from '../access/principal.ts';

declare module 'fastify' {
  interface FastifyRequest {
    org?: Org;
  }
  interface FastifyContextConfig {
    /** What a route under /v1/orgs/:orgId needs; the access matrix test reads it. */
    capability?: Capability;
  }
}

/** The org a scoped route works on (set by the orgScope hook). */
export function orgOf(request: FastifyRequest): Org {
  if (!request.org) throw new Problem('INTERNAL', 'route used outside the org scope');
  return request.org;
}

export interface OrgScopeDeps {
  auth: Authenticator;
  orgs: OrgRepository;
  audit: AuditLog;
}

/** Whether the client announced a body, which is still unread in an onRequest hook. */
const bodyAnnounced = (request: FastifyRequest): boolean => request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

/**
 * An onRequest hook (it runs before the body is read) that authenticates, loads `request.org` from
 * `:orgId` (or, `orgFrom: 'key'`, the key's own org) and checks `capability`. A refused request with a
 * body closes its connection, so an unauthenticated client cannot hold the socket by sending that body slowly.
 */
export function orgScope(deps: OrgScopeDeps, capability: Capability, orgFrom: OrgLocator = 'path') {
  const check = admit(deps, capability, orgFrom === 'path' ? orgInPath : orgOfKey);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    try {
      await check(request);
    } catch (error) {
      if (bodyAnnounced(request)) reply.header('connection', 'close');
      throw error;
    }
  };
}

/** How a route finds its org: from the `:orgId` path parameter, or the key's own org (every key belongs to one). */
export type OrgLocator = 'path' | 'key';

type FindOrg = (request: FastifyRequest, principal: Principal, orgs: OrgRepository) => Promise<Org>;

/** The org named by `:orgId`, if the caller may see it: else 404, whether it exists or not. */
const orgInPath: FindOrg = async (request, principal, orgs) => {
  const orgId = (request.params as { orgId?: string }).orgId ?? '';
  const org = /^[a-z0-9][a-z0-9-]{0,62}$/.test(orgId) ? await orgs.get(orgId) : undefined;
  if (!org || (principal.kind === 'key' && principal.orgId !== org.id)) throw new Problem('NOT_FOUND', `No org ${orgId.slice(0, 64)}.`);
  return org;
};

/** The org the key is bound to; the operator key is bound to none, so it is sent to the org path. */
const orgOfKey: FindOrg = async (_request, principal, orgs) => {
  if (principal.kind !== 'key') {
    throw new Problem('FORBIDDEN_SCOPE', 'The operator key names no org: give the client <this API>/v1/orgs/{orgId}/salesforce/ as its instance URL, or use a key of the org.');
  }
  const org = await orgs.get(principal.orgId);
  if (!org) throw new Problem('UNAUTHENTICATED', 'This key belongs to a deleted org.', {}, { 'WWW-Authenticate': 'Bearer realm="callbudget", error="invalid_token"' });
  return org;
};

function admit(deps: OrgScopeDeps, capability: Capability, findOrg: FindOrg) {
  return async (request: FastifyRequest): Promise<void> => {
    const principal = await deps.auth.authenticate(request);
    request.principal = principal;
    const org = await findOrg(request, principal, deps.orgs);
    // Issued for an org of this id that was deleted: it stands for nothing any more.
    if (principal.kind === 'key' && principal.incarnation !== undefined && principal.incarnation !== org.incarnation) {
      throw new Problem('UNAUTHENTICATED', 'This key or widget session belongs to a deleted org.', {}, { 'WWW-Authenticate': 'Bearer realm="callbudget", error="invalid_token"' });
    }
    const verdict = decideAccess(principal, capability, org.plan);
    if (!verdict.allowed) throw new Problem(verdict.code, verdict.detail, { capability });
    request.org = org;
    await deps.audit.keyUsed(org.id, principal, capability);
  };
}
