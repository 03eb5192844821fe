/** Hostile values: injection-shaped strings, wrong-typed JSON values, and the small alphabets keys are made of. */
import fc from 'fast-check';

/** Strings aimed at SOQL, JSON, paths, logs and Redis key patterns. */
export const INJECTIONS = [
  "'",
  "''",
  "\\'",
  "\\\\'",
  "' OR ''='",
  "x' OR Name != '",
  "' OR Id != null --",
  'OR Id != null',
  "Lead' OR Id != null",
  "'; DELETE FROM Lead; --",
  '＇ OR ＇＇=＇',
  '’ OR ’’=’',
  '%27%20OR%20%27%27%3D%27',
  '%2527',
  '\u0000',
  'a\u0000b',
  '\n',
  '\r\nX-Injected: 1',
  'Name, (SELECT Id FROM Contacts)',
  'Id FROM Lead WHERE Name LIKE',
  '"',
  '\\',
  '\\u0027',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '..%2f..%2f',
  '%2e%2e%2f',
  '*',
  '?',
  '[a-z]',
  '{org:x}',
  'cb:*',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'null',
  'undefined',
  'true',
  '\uFEFF',
  '\u202E',
  '\uD800',
  '\uDFFF',
  '𝕏𝕐𝕑',
  'ß',
  'İ',
  'ﬁ',
];

/** Unicode, binary, NUL-laden, injection-shaped and huge strings. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([a, b]) => `${a}\u0000${b}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', 'é', '𝕏', "'", '\u0000'), fc.integer({ min: 300, max: 70_000 })).map(([c, n]) => c.repeat(n)) },
);

/** JSON values of the wrong type for a string field. */
export const notAString: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
/** JSON values of the wrong type for a number field. */
export const notANumber: fc.Arbitrary<unknown> = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('1', '100', '1e3', ''), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.constant({}));
/** Neither an object nor null: what a body that must be an object is not. */
export const notAnObject: fc.Arbitrary<unknown> = fc.oneof(
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
);

/** encodeURIComponent that survives lone surrogates (it throws on them). */
export const enc = (text: string): string => encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

/** Exactly `n` lowercase hex digits, the alphabet of key ids. */
export const hex = (n: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
/** base64url text, the alphabet of key secrets and pull cursors. */
export const b64url = (min: number, max: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: min, maxLength: max });
