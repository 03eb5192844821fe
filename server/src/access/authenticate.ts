/** Reads `Authorization: Bearer <key>` and resolves it to a Principal, comparing in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { Problem } from '../errors.ts';
import type { Principal } from './principal.ts';

export interface Authenticator {
  authenticate(request: FastifyRequest): Promise<Principal>;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** The bearer token of a request, if any. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^(?:Bearer|OAuth)\s+(\S{1,512})$/i.exec(header.trim());
  return match?.[1];
}

/** Resolve keys: the operator key, then org keys through `lookupKey` (added by the access layer). */
export function createAuthenticator(operatorKey: string | undefined, lookupKey: (secret: string) => Promise<Principal | undefined> = async () => undefined): Authenticator {
  const operatorDigest = operatorKey ? digest(operatorKey) : undefined;
  return {
    async authenticate(request) {
      const token = bearerToken(request);
      if (!token) throw new Problem('UNAUTHENTICATED', 'Send Authorization: Bearer <API key>.', {}, { 'WWW-Authenticate': 'Bearer realm="callbudget"' });
      if (operatorDigest && timingSafeEqual(digest(token), operatorDigest)) return { kind: 'operator' };
      const principal = await lookupKey(token);
      if (!principal) throw new Problem('UNAUTHENTICATED', 'The API key is not valid.', {}, { 'WWW-Authenticate': 'Bearer realm="callbudget", error="invalid_token"' });
      return principal;
    },
  };
}
