/**
 * The OAuth 2.0 JWT bearer flow's assertion check: an RS256 JWT signed with the connected app's
 * private key, iss = consumer key, sub = username, aud = the login URL, exp still in the future.
 */
import { verify } from 'node:crypto';
import type { Org } from './orgs.ts';

/** An OAuth error answer (RFC 6749 §5.2), as Salesforce words it. */
export interface OAuthError {
  error: string;
  error_description: string;
}

/** Login URLs Salesforce accepts as `aud`, besides the sandbox's own URL. */
export const SALESFORCE_AUDIENCES = ['https://login.salesforce.com', 'https://test.salesforce.com'];

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '').toLowerCase();

/** Check an assertion; `findOrg` looks the issuer up by consumer key. Returns the org, or the OAuth error to answer. */
export function verifyJwtAssertion(assertion: string, findOrg: (clientId: string) => Org | undefined, audiences: string[], nowMs: number): { org: Org } | { error: OAuthError; org?: Org } {
  const invalid = (org?: Org, description = 'invalid assertion') => ({ error: { error: 'invalid_grant', error_description: description }, org });
  const parts = assertion.split('.');
  if (parts.length !== 3) return invalid();
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = decodePart(headerPart);
  const claims = decodePart(payloadPart);
  if (!header || !claims || header.alg !== 'RS256') return invalid();
  const org = typeof claims.iss === 'string' ? findOrg(claims.iss) : undefined;
  if (!org) return { error: { error: 'invalid_client_id', error_description: 'client identifier invalid' } };
  if (!org.jwtKey) return invalid(org);
  const signed = verify('sha256', Buffer.from(`${headerPart}.${payloadPart}`), org.jwtKey, Buffer.from(signaturePart, 'base64url'));
  if (!signed) return invalid(org);
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const accepted = new Set(audiences.map(trimSlash));
  if (!aud.some((a) => typeof a === 'string' && accepted.has(trimSlash(a)))) return invalid(org, 'audience is invalid');
  if (typeof claims.sub !== 'string' || claims.sub.toLowerCase() !== org.username.toLowerCase()) {
    return invalid(org, "user hasn't approved this consumer");
  }
  // exp is in seconds (RFC 7519); it must still be ahead of the sandbox clock.
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) return invalid(org, 'expired authorization code');
  return { org };
}
