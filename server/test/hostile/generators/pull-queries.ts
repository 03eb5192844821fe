/** Query strings of a pull (GET /sync/:relationship): refused ones, and harmless ones. */
import fc from 'fast-check';
import { b64url, enc, hostileString } from './strings.ts';

/** The value each pull parameter is sent twice with (query:repeated). */
const REPEATED_VALUE = { since: '2026-01-01T00%3A00%3A00Z', limit: '5', sobject: 'Lead', cursor: 'x' } as const;

/** Pull queries the pull must refuse (each alone is enough). */
export function badPullQuery(): fc.Arbitrary<{ label: string; query: string }> {
  const ISO_PREFIX = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;
  const cursorOf = (body: unknown): string => Buffer.from(JSON.stringify(body)).toString('base64url');
  return fc.oneof(
    fc
      .oneof(
        hostileString.filter((s) => !ISO_PREFIX.test(s)),
        fc.constantFrom(
          '2026-02-30T00:00:00Z',
          '2026-13-01T00:00:00Z',
          '2026-01-01T24:00:00Z',
          '2026-01-01T00:60:00Z',
          '2026-01-01',
          '2026-01-01T00:00:00',
          '2026-01-01 00:00:00Z',
          '10000-01-01T00:00:00Z',
          '1969-12-31T23:59:59Z',
          '2026-01-01T00:00:00.1234Z',
          '2026-01-01T00:00:00+24:00',
          '2026-01-01T00:00:00Z OR Id != null',
          "2026-01-01T00:00:00Z' OR ''='",
          '2026-01-01T00:00:00Z\u0000',
          '２０２６-01-01T00:00:00Z',
          'now',
          'TODAY',
          'LAST_N_DAYS:1',
          '0',
          '-1',
          '1767225600000',
          `2026-01-01T00:00:00Z${'0'.repeat(70)}`,
        ),
      )
      .map((since) => ({ label: 'query:since', query: `since=${enc(since)}` })),
    fc
      .oneof(
        hostileString.map((c) => enc(c)),
        b64url(1, 40),
        b64url(257, 400),
        fc
          .constantFrom(
            { v: 2, o: 'Lead', t: 0, id: '00Q000000000001AAA' },
            { v: 1, o: "Lead' OR Id != null", t: 0, id: '00Q000000000001AAA' },
            { v: 1, o: 'User', t: 0, id: '005000000000001AAA' },
            { v: 1, o: 'Lead', t: -1, id: '00Q000000000001AAA' },
            { v: 1, o: 'Lead', t: 1.5, id: '00Q000000000001AAA' },
            { v: 1, o: 'Lead', t: '0', id: '00Q000000000001AAA' },
            { v: 1, o: 'Lead', t: 1e20, id: '00Q000000000001AAA' },
            { v: 1, o: 'Lead', t: 0, id: "x' OR Id != null" },
            { v: 1, o: 'Lead', t: 0, id: '00Q00000000000' },
            { v: 1, o: 'Lead', t: 0 },
            [1, 2],
            'Lead',
            null,
          )
          .map(cursorOf),
      )
      .map((cursor) => ({ label: 'query:cursor', query: `cursor=${cursor}` })),
    fc
      .oneof(fc.constantFrom('0', '2001', '99999', '-1', '1.5', '1e3', ' 5', '5 ', 'abc', '', '0x10', '0000', '10%00', "5' OR 1=1", 'Infinity'), hostileString)
      .filter((l) => !/^[0-9]{1,4}$/.test(l) || Number(l) < 1 || Number(l) > 2000)
      .map((limit) => ({ label: 'query:limit', query: `limit=${enc(limit)}` })),
    fc
      .oneof(fc.constantFrom('Lead%27%20OR%20Id%20!%3D%20null', 'lead', 'LEAD', 'Lead%00', 'User', 'Lead,Contact', 'Lead%20WHERE%20Id%20!%3D%20null', ''), hostileString.map(enc))
      .filter((s) => !['Lead', 'Contact', 'Account', 'Campaign', 'Opportunity', 'Event'].includes(decodeURIComponent(s)))
      .map((sobject) => ({ label: 'query:sobject', query: `sobject=${sobject}` })),
    fc
      .tuple(fc.oneof(fc.constantFrom('q', 'where', 'fields', 'order', '__proto__', 'constructor', 'since[]', 'Since', 'LIMIT', 'cursor[0]', ''), hostileString.map(enc)), hostileString)
      .filter(([key]) => !['since', 'cursor', 'limit', 'sobject'].includes(decodeURIComponent(key)))
      .map(([key, value]) => ({ label: 'query:extra-param', query: `${key}=${enc(value)}` })),
    fc.constant({ label: 'query:since-and-cursor', query: `since=2026-01-01T00:00:00Z&cursor=${cursorOf({ v: 1, o: 'Lead', t: 0, id: '00Q000000000001AAA' })}` }),
    fc.constantFrom('since', 'limit', 'sobject', 'cursor').map((key) => ({ label: 'query:repeated', query: `${key}=${REPEATED_VALUE[key]}&${key}=${REPEATED_VALUE[key]}` })),
    fc.integer({ min: 70, max: 20_000 }).map((n) => ({ label: 'query:since-huge', query: `since=2026-01-01T00:00:00Z${'9'.repeat(n)}` })),
  );
}

/** Harmless additions to a valid pull query. */
export const okPullQuery = fc.constantFrom('', 'limit=5', 'since=2026-01-01T00%3A00%3A00Z', 'limit=2000&since=2030-01-01T00%3A00%3A00.000%2B01%3A00');
