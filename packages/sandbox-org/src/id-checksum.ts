/**
 * Salesforce's case-safe id checksum, shared by the platform (org and user ids) and the data part
 * (record ids): for each block of 5 characters of a 15-character id, a 5-bit mask of which positions
 * hold an upper-case letter, encoded in A–Z0–5, so the 18-character form survives case folding.
 */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character checksum suffix Salesforce appends to a 15-character id. */
export function idSuffix(id15: string): string {
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let mask = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(block * 5 + i);
      if (c >= 65 && c <= 90) mask |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[mask];
  }
  return suffix;
}
