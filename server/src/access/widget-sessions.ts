/**
 * Short-lived widget tokens, minted server-side (e.g. by an Apex controller through a Named
 * Credential) so no long-lived key sits in a Salesforce page. Stateless: HMAC-signed with a key
 * derived from the encryption keyring, carrying the org and the expiry.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { Principal } from './principal.ts';

const PURPOSE = 'widget-session';
export const MAX_WIDGET_SESSION_SECONDS = 3600;

interface Claims {
  org: string;
  exp: number;
  kid: string;
}

/** Mint a token for `orgId` valid `seconds` (≤ 1 h). */
export function mintWidgetSession(box: SecretBox, orgId: string, seconds: number, now = Date.now()): { token: string; expiresAt: string } {
  const claims: Claims = { org: orgId, exp: Math.floor(now / 1000) + Math.min(seconds, MAX_WIDGET_SESSION_SECONDS), kid: box.currentKeyId };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = createHmac('sha256', box.derive(PURPOSE)!).update(payload).digest('base64url');
  return { token: `cbw_${payload}.${signature}`, expiresAt: new Date(claims.exp * 1000).toISOString() };
}

/** The widget principal a token stands for, or undefined when forged, malformed or expired. */
export function verifyWidgetSession(box: SecretBox, token: string, now = Date.now()): Principal | undefined {
  const match = /^cbw_([A-Za-z0-9_-]{10,400})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return undefined;
  let claims: Claims;
  try {
    claims = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')) as Claims;
  } catch {
    return undefined;
  }
  if (typeof claims.org !== 'string' || typeof claims.exp !== 'number' || typeof claims.kid !== 'string') return undefined;
  const key = box.derive(PURPOSE, claims.kid);
  if (!key) return undefined;
  const expected = createHmac('sha256', key).update(match[1]!).digest();
  const given = Buffer.from(match[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected) || claims.exp * 1000 <= now) return undefined;
  return { kind: 'key', keyId: 'widget-session', orgId: claims.org, keyKind: 'widget' };
}
