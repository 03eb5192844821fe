/**
 * Routes under /v1/orgs/:orgId: authenticate, load the org, and check the caller may use the route's
 * capability there. A key of another org gets 404, not 403, so org ids don't leak. Checked on every
 * request, so a plan downgrade or a revoked key takes effect at once.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from '../errors.ts';
import type { Authenticator } from '../access/authenticate.ts';
import { decideAccess, type Capability } from '../access/capabilities.ts';
import type { OrgRepository } from '../orgs/org-repository.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Org } from '../orgs/org.ts';

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
 * `:orgId` and checks `capability`. A refused request with a body closes its connection, so an
 * unauthenticated client cannot hold the socket by sending that body slowly.
 */
export function orgScope(deps: OrgScopeDeps, capability: Capability) {
  const check = admit(deps, capability);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    try {
      await check(request);
    } catch (error) {
      if (bodyAnnounced(request)) reply.header('connection', 'close');
      throw error;
    }
  };
}

function admit(deps: OrgScopeDeps, capability: Capability) {
  return async (request: FastifyRequest): Promise<void> => {
    const principal = await deps.auth.authenticate(request);
    request.principal = principal;
    const orgId = (request.params as { orgId?: string }).orgId ?? '';
    const org = /^[a-z0-9][a-z0-9-]{0,62}$/.test(orgId) ? await deps.orgs.get(orgId) : undefined;
    if (!org || (principal.kind === 'key' && principal.orgId !== org.id)) throw new Problem('NOT_FOUND', `No org ${orgId.slice(0, 64)}.`);
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
