/**
 * Short-lived widget tokens, minted server-side (e.g. by an Apex controller through a Named
 * Credential) so no long-lived key sits in a Salesforce page. HMAC-signed with a key derived from
 * the encryption keyring, carrying the org, its incarnation, the key that minted the token, a random
 * id and the expiry. A token lives no longer than what it stands on: revoking (or expiring) the
 * minting key ends it, and so does deleting the org (a re-created org is another incarnation).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SecretBox } from '../crypto/secret-box.ts';
import { keyIsLive, type ApiKeys } from './api-keys.ts';
import type { Principal } from './principal.ts';

const PURPOSE = 'widget-session';
export const MAX_WIDGET_SESSION_SECONDS = 3600;
/** The `key` of a token minted with the operator key, which cannot be revoked. */
export const OPERATOR_MINTED = 'operator';

export interface WidgetSessionClaims {
  org: string;
  /** The org's incarnation when minted. */
  inc: string;
  /** Id of the API key that minted the token, or OPERATOR_MINTED. */
  key: string;
  /** Random: no two tokens are equal, whenever minted. */
  jti: string;
  exp: number;
  kid: string;
}

/** Who a token is minted for and by. */
export interface WidgetSessionSubject {
  orgId: string;
  incarnation: string;
  keyId: string;
}

const sign = (key: Buffer, payload: string): Buffer => createHmac('sha256', key).update(payload).digest();

/** Mint a token for `subject` valid `seconds` (≤ 1 h). */
export function mintWidgetSession(box: SecretBox, subject: WidgetSessionSubject, seconds: number, now = Date.now()): { token: string; expiresAt: string } {
  const claims: WidgetSessionClaims = {
    org: subject.orgId,
    inc: subject.incarnation,
    key: subject.keyId,
    jti: randomBytes(12).toString('base64url'),
    exp: Math.floor(now / 1000) + Math.min(seconds, MAX_WIDGET_SESSION_SECONDS),
    kid: box.currentKeyId,
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return { token: `cbw_${payload}.${sign(box.derive(PURPOSE)!, payload).toString('base64url')}`, expiresAt: new Date(claims.exp * 1000).toISOString() };
}

/** The claims of a token, or undefined when forged, malformed or expired (nothing looked up). */
export function readWidgetSession(box: SecretBox, token: string, now = Date.now()): WidgetSessionClaims | undefined {
  const match = /^cbw_([A-Za-z0-9_-]{10,600})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return undefined;
  let claims: WidgetSessionClaims;
  try {
    claims = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')) as WidgetSessionClaims;
  } catch {
    return undefined;
  }
  const strings = [claims.org, claims.inc, claims.key, claims.jti, claims.kid];
  if (strings.some((s) => typeof s !== 'string') || typeof claims.exp !== 'number') return undefined;
  const key = box.derive(PURPOSE, claims.kid);
  if (!key) return undefined;
  const expected = sign(key, match[1]!);
  const given = Buffer.from(match[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected) || claims.exp * 1000 <= now) return undefined;
  return claims;
}

/**
 * The widget principal a token stands for, or undefined when it is not valid or its minting key is
 * revoked, expired or gone. The org's incarnation is checked where the org is loaded (org-scope).
 */
export async function resolveWidgetSession(deps: { secretBox: SecretBox; apiKeys: ApiKeys }, token: string, now = Date.now()): Promise<Principal | undefined> {
  const claims = readWidgetSession(deps.secretBox, token, now);
  if (!claims) return undefined;
  if (claims.key !== OPERATOR_MINTED) {
    const minter = await deps.apiKeys.get(claims.org, claims.key);
    if (!minter || !keyIsLive(minter, now) || (minter.incarnation !== undefined && minter.incarnation !== claims.inc)) return undefined;
  }
  return { kind: 'key', keyId: 'widget-session', orgId: claims.org, incarnation: claims.inc, keyKind: 'widget' };
}
