/**
 * The two shapes of an API key secret, both carrying the key id (which finds the record) and 256
 * random bits:
 * - `callbudget`: `cbk_<key id>_<43 base64url>`;
 * - `salesforce`: `<Salesforce org id>!cb<key id>.<64 hex>`, the shape of a Salesforce session id, which
 *   the Salesforce CLI insists on before it sends anything (its `accessTokenRegex`: `00D`, 12 to 15 word
 *   characters, `!`, then only `.` and word characters) and every Salesforce client takes as an access token.
 * The org id prefix is a label for the client (the CLI reads its org id from it): the key record binds
 * the org, so the prefix is not hashed and not trusted, and a key keeps working when the org is
 * connected later, or to another Salesforce org.
 */
import { randomBytes } from 'node:crypto';

export const KEY_FORMATS = ['callbudget', 'salesforce'] as const;
export type KeyFormat = (typeof KEY_FORMATS)[number];

/** The prefix of a salesforce-format key issued while the org's Salesforce org id is not known. */
export const PLACEHOLDER_SALESFORCE_ORG_ID = '00D000000000000';

/** A Salesforce org id as Salesforce writes it: 15 or 18 characters, key prefix 00D. */
const SALESFORCE_ORG_ID = /^00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/;

// The prefix is matched as leniently as the CLI does (any 00D + 12 to 15 word characters): it is not trusted.
const FORMATS: Record<KeyFormat, { full: RegExp; claimed: RegExp }> = {
  callbudget: { full: /^(cbk_([a-f0-9]{16})_[A-Za-z0-9_-]{43})$/, claimed: /^cbk_([a-f0-9]{16})_/ },
  salesforce: { full: /^00D\w{12,15}!(cb([a-f0-9]{16})\.[a-f0-9]{64})$/, claimed: /^00D\w{12,15}!cb([a-f0-9]{16})\./ },
};

/** A presented secret, read: its format, the key id it names and the part whose hash the record keeps. */
export interface ParsedSecret {
  format: KeyFormat;
  keyId: string;
  hashed: string;
}

/** A new secret for key `keyId`; `salesforceOrgId` is the org's connected Salesforce org id, if known. */
export function newSecret(format: KeyFormat, keyId: string, salesforceOrgId?: string): ParsedSecret & { secret: string } {
  if (format === 'callbudget') {
    const secret = `cbk_${keyId}_${randomBytes(32).toString('base64url')}`;
    return { format, keyId, secret, hashed: secret };
  }
  const prefix = salesforceOrgId !== undefined && SALESFORCE_ORG_ID.test(salesforceOrgId) ? salesforceOrgId : PLACEHOLDER_SALESFORCE_ORG_ID;
  const hashed = `cb${keyId}.${randomBytes(32).toString('hex')}`;
  return { format, keyId, secret: `${prefix}!${hashed}`, hashed };
}

/** The format, key id and hashed part of a presented secret, or undefined when it has neither shape. */
export function parseSecret(token: string): ParsedSecret | undefined {
  for (const format of KEY_FORMATS) {
    const match = FORMATS[format].full.exec(token);
    if (match) return { format, keyId: match[2]!, hashed: match[1]! };
  }
  return undefined;
}

/** The key id a token claims (in either shape), whether or not the rest of it is well-formed: failures are counted against it. */
export function claimedKeyId(token: string): string | undefined {
  for (const format of KEY_FORMATS) {
    const match = FORMATS[format].claimed.exec(token);
    if (match) return match[1];
  }
  return undefined;
}
