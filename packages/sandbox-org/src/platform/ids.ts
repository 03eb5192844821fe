/** Salesforce-looking identifiers: 18-character record ids, access and refresh tokens, connected-app keys. */
import { randomBytes, randomInt } from 'node:crypto';
import { idSuffix } from '../id-checksum.ts';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Two characters where a real id carries its pod (instance) number; fixed so sandbox ids are recognisable. */
const POD = '8c';

/** Append Salesforce's case-safe checksum to a 15-character id. */
export function toEighteen(id15: string): string {
  if (!/^[0-9A-Za-z]{15}$/.test(id15)) throw new RangeError(`not a 15-character Salesforce id: ${id15}`);
  return id15 + idSuffix(id15);
}

/** True when `id` is 18 characters whose last 3 are the checksum of the first 15. */
export function isValidEighteen(id: string): boolean {
  return id.length === 18 && /^[0-9A-Za-z]{18}$/.test(id) && toEighteen(id.slice(0, 15)) === id;
}

/** Random base62 string of `length` characters (uniform, from the CSPRNG). */
export function randomBase62(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[randomInt(62)];
  return out;
}

/** A new 18-character id with a 3-character key prefix, e.g. `00D` for an org or `005` for a user. */
export function newSalesforceId(keyPrefix: string): string {
  if (!/^[0-9A-Za-z]{3}$/.test(keyPrefix)) throw new RangeError(`key prefix must be 3 characters: ${keyPrefix}`);
  // Layout of a real id: key prefix (3) + pod (2) + reserved (1) + unique part (9).
  return toEighteen(`${keyPrefix}${POD}0${randomBase62(9)}`);
}

/** Opaque token material using the characters real Salesforce tokens use (letters, digits, `.`, `_`). */
function tokenChars(bytes: number): string {
  return randomBytes(bytes).toString('base64url').replace(/-/g, '.');
}

/** An access token shaped like a real one: the 15-character org id, `!`, then `AQ` and opaque characters. */
export function newAccessToken(orgId: string): string {
  return `${orgId.slice(0, 15)}!AQ${tokenChars(72)}`;
}

/** A refresh token shaped like a real one (`5Aep861…`). */
export function newRefreshToken(): string {
  return `5Aep861${tokenChars(60)}`;
}

/** A connected-app consumer key (`3MVG9…`) and a 64-hex-digit consumer secret. */
export function newClientCredentials(): { clientId: string; clientSecret: string } {
  return {
    clientId: `3MVG9${tokenChars(60)}`,
    clientSecret: randomBytes(32).toString('hex').toUpperCase(),
  };
}
