/** Noise around an invalid part: headers, bodies and query strings that change nothing by themselves. */
import fc from 'fast-check';
import { enc, hostileString } from './strings.ts';

/** Headers that change nothing by themselves: proxies' headers, odd accepts, long junk (Accept-Language is forwarded by the passthrough, so it is checked there: passthrough.ts). */
export const noiseHeaders: fc.Arbitrary<Record<string, string | string[]>> = fc.dictionary(
  fc.constantFrom(
    'x-forwarded-for',
    'x-real-ip',
    'forwarded',
    'user-agent',
    'x-request-id',
    'origin',
    'referer',
    'cookie',
    'x-http-method-override',
    'x-original-url',
    'x-rewrite-url',
    'x-callbudget-org',
    'x-sandbox-key',
  ),
  fc.oneof(
    hostileString.filter((s) => s.length < 4000),
    fc.constantFrom('127.0.0.1', '10.0.0.1, 127.0.0.1', 'text/html', '*/*', 'DELETE', '/v1/orgs', 'null'),
  ),
  { maxKeys: 3 },
);

/** Bodies sent where none is read: JSON, garbage bytes, a lot of nothing. */
export const noiseBody: fc.Arbitrary<string | Buffer | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)) },
  { weight: 1, arbitrary: hostileString },
);

/** A query string where none is read: mostly nothing, sometimes hostile pairs. */
export const noiseQuery: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.tuple(hostileString, hostileString).map(([k, v]) => `${enc(k)}=${enc(v)}`) });
