/**
 * Reads `Authorization: Bearer <key>` and resolves it to a Principal: the operator key (compared in
 * constant time) or an org's API key. Failed keys are counted per client address and claimed key id.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { Problem } from '../errors.ts';
import type { Principal } from './principal.ts';
import type { AuthFailures } from './auth-failures.ts';
import { claimedKeyId } from './key-format.ts';

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
  const unauthenticated = (detail: string, error?: string): Problem => new Problem('UNAUTHENTICATED', detail, {}, { 'WWW-Authenticate': `Bearer realm="callbudget"${error ? `, error="${error}"` : ''}` });
  return {
    async authenticate(request) {
      const token = bearerToken(request);
      if (!token) throw unauthenticated('Send Authorization: Bearer <API key>.');
      // The key is checked first: a valid key always passes, whatever failed before from its address
      // (a stale tab with a revoked key must not lock out the office behind one NAT).
      if (operatorDigest !== undefined && timingSafeEqual(digest(token), operatorDigest)) return { kind: 'operator' };
      const principal = deps.resolveKey ? await deps.resolveKey(token) : undefined;
      if (principal) return principal;
      const attempt = { client: request.ip, keyId: claimedKeyId(token) };
      if (deps.failures && (await deps.failures.blocked(attempt))) {
        const seconds = Math.ceil(deps.failures.policy.windowMs / 1000);
        throw new Problem('AUTH_RATE_LIMITED', 'Too many invalid API keys from this address or for this key; try again later.', {}, { 'Retry-After': String(seconds) });
      }
      await deps.failures?.failed(attempt);
      throw unauthenticated('The API key is not valid, has expired or was revoked.', 'invalid_token');
    },
  };
}
