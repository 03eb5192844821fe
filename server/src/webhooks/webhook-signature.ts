/**
 * Webhook signatures: `Callbudget-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` where the HMAC
 * key is the endpoint's secret (the whole `whsec_…` string, as UTF-8) and the message is
 * `<t>.<raw body>`. A receiver recomputes it over the bytes it received, compares in constant time,
 * and refuses a timestamp older than its tolerance (replays). README: "Verifying webhooks".
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'callbudget-signature';

/** A new endpoint secret: shown once, stored sealed. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The header value for `body` sent at `timestampSeconds`. */
export function signatureHeader(secret: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

/**
 * The receiver's side, as README documents it: true when `header` signs `body` with `secret` and
 * its timestamp is within `toleranceSeconds` of `nowSeconds`.
 */
export function verifySignature(secret: string, header: string, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = new Map(header.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
