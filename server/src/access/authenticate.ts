/**
 * Reads `Authorization: Bearer <key>` and resolves it to a Principal: the operator key (compared in
 * constant time) or an org's API key. Failed keys are counted per client address.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { Problem } from '../errors.ts';
import type { Principal } from './principal.ts';
import type { AuthFailures } from './auth-failures.ts';

export interface Authenticator {
  authenticate(request: FastifyRequest): Promise<Principal>;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** The bearer token of a request, if any (`OAuth` is accepted too: Salesforce clients send it). */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^(?:Bearer|OAuth)\s+(\S{1,512})$/i.exec(header.trim());
  return match?.[1];
}

export interface AuthenticatorDeps {
  operatorKey: string | undefined;
  resolveKey?: (secret: string) => Promise<Principal | undefined>;
  failures?: AuthFailures;
}

/** Build the authenticator. */
export function createAuthenticator(deps: AuthenticatorDeps): Authenticator {
  const operatorDigest = deps.operatorKey ? digest(deps.operatorKey) : undefined;
  const unauthenticated = (detail: string, error?: string): Problem =>
    new Problem('UNAUTHENTICATED', detail, {}, { 'WWW-Authenticate': `Bearer realm="callbudget"${error ? `, error="${error}"` : ''}` });
  return {
    async authenticate(request) {
      const client = request.ip;
      const token = bearerToken(request);
      const operator = token !== undefined && operatorDigest !== undefined && timingSafeEqual(digest(token), operatorDigest);
      // The key is looked up while the address is checked (a lookup changes nothing), so both share
      // one Redis round trip; nothing is decided before the check has answered.
      const resolving = token !== undefined && !operator && deps.resolveKey ? deps.resolveKey(token) : undefined;
      // Not awaited when the address is refused: its failure must not go unhandled.
      resolving?.catch(() => undefined);
      if (deps.failures && (await deps.failures.blocked(client))) {
        const seconds = Math.ceil(deps.failures.policy.windowMs / 1000);
        throw new Problem('AUTH_RATE_LIMITED', 'Too many invalid API keys from this address; try again later.', {}, { 'Retry-After': String(seconds) });
      }
      if (!token) throw unauthenticated('Send Authorization: Bearer <API key>.');
      if (operator) return { kind: 'operator' };
      const principal = await resolving;
      if (principal) return principal;
      await deps.failures?.failed(client);
      throw unauthenticated('The API key is not valid, has expired or was revoked.', 'invalid_token');
    },
  };
}
