/**
 * Salesforce record ids: 15 case-sensitive characters plus a 3-character suffix that encodes
 * which letters are upper case, so the 18-character form survives case-insensitive systems.
 */

import { idSuffix } from '../id-checksum.ts';

export { idSuffix };

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID15 = /^[a-zA-Z0-9]{15}$/;
const ID18 = /^[a-zA-Z0-9]{18}$/;

/**
 * Normalise a 15- or 18-character id to its canonical 18-character form;
 * undefined when it is not a well-formed id (wrong length, bad characters or a wrong suffix).
 */
export function normalizeId(value: string): string | undefined {
  if (ID15.test(value)) return value + idSuffix(value);
  if (!ID18.test(value)) return undefined;
  const head = value.slice(0, 15);
  const suffix = idSuffix(head);
  // The suffix is compared case-insensitively: it exists to survive case folding.
  return value.slice(15).toUpperCase() === suffix ? head + suffix : undefined;
}

/** The key prefix (first 3 characters) that names an id's object. */
export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}

/** Small stable hash so different orgs mint different ids without sharing a counter. */
function podChars(seed: string): string {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
  return BASE62[h % 62]! + BASE62[Math.floor(h / 62) % 62]!;
}

function base62(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = BASE62[n % 62]! + out;
    n = Math.floor(n / 62);
  }
  return out;
}

/** Mints 18-character ids for one org: prefix + 2 org chars + '0' + 9-char counter + suffix. */
export class IdMinter {
  private counter = 0;
  private readonly pod: string;

  constructor(orgSeed: string) {
    this.pod = podChars(orgSeed);
  }

  /** Next id with the given key prefix (e.g. `00Q`). */
  next(keyPrefix: string): string {
    this.counter += 1;
    // Start the counter at a realistic offset so ids look like production ids (…000001AbC).
    const id15 = keyPrefix + this.pod + '0' + base62(3_000_000 + this.counter, 9);
    return id15 + idSuffix(id15);
  }
}
