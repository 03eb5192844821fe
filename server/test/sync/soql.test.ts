/** The SOQL builder and the pull cursor: only checked names, numbers and ids ever reach a query. */
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/sync/pull-cursor.ts';
import { parseIsoDateTime, pullQuery, soqlDateTime } from '../../src/sync/soql.ts';

describe('parseIsoDateTime', () => {
  it.each([
    ['2026-01-31T09:30:00Z', Date.UTC(2026, 0, 31, 9, 30)],
    ['2026-01-31T09:30:00.5Z', Date.UTC(2026, 0, 31, 9, 30, 0, 500)],
    ['2026-01-31T10:30:00+01:00', Date.UTC(2026, 0, 31, 9, 30)],
    ['2026-01-31T09:30:00.000+0000', Date.UTC(2026, 0, 31, 9, 30)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('reads %s', (text, ms) => expect(parseIsoDateTime(text)).toBe(ms));

  it.each([
    '2026-01-31',
    '2026-01-31T09:30:00',
    '2026-01-31 09:30:00Z',
    '2025-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-31T24:00:00Z',
    '2026-01-31T09:30:00.1234Z',
    '2026-01-31T09:30:00+25:00',
    '0050-01-01T00:00:00Z',
    '1969-12-31T23:59:59Z',
    '2026-01-31T09:30:00Z OR Id != null',
    "2026-01-31T09:30:00Z'",
    ' 2026-01-31T09:30:00Z',
  ])('refuses %s', (text) => expect(parseIsoDateTime(text)).toBeUndefined());
});

describe('pullQuery', () => {
  it('builds the first page and the continuation with parentheses around the mixed AND/OR', () => {
    const t = Date.UTC(2026, 0, 31, 9, 30);
    expect(pullQuery('Lead', ['Email'], { modstamp: t }, 11)).toBe(
      'SELECT Id, SystemModstamp, LastModifiedDate, Email FROM Lead WHERE SystemModstamp > 2026-01-31T09:30:00.000Z ORDER BY SystemModstamp ASC, Id ASC LIMIT 11',
    );
    expect(pullQuery('Lead', [], { modstamp: t, id: '00Q000000000001AAA' }, 5)).toContain("WHERE (SystemModstamp > 2026-01-31T09:30:00.000Z) OR (SystemModstamp = 2026-01-31T09:30:00.000Z AND Id > '00Q000000000001AAA')");
    expect(pullQuery('Lead', ['Email'], undefined, 1)).not.toContain('WHERE');
  });

  it('refuses names, ids and numbers that are not what they claim', () => {
    expect(() => pullQuery('Lead', ['Email FROM User'], undefined, 1)).toThrow(RangeError);
    expect(() => pullQuery('Lead WHERE', [], undefined, 1)).toThrow(RangeError);
    expect(() => pullQuery('Lead', [], { modstamp: 0, id: "x' OR '1'='1" }, 1)).toThrow(RangeError);
    expect(() => pullQuery('Lead', [], undefined, 0)).toThrow(RangeError);
    expect(() => soqlDateTime(Number.NaN)).toThrow(RangeError);
  });
});

describe('pull cursor', () => {
  it('round-trips, and belongs to one object', () => {
    const cursor = encodeCursor('Lead', { modstamp: 1_700_000_000_123, id: '00Q000000000001AAA' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'Lead')).toEqual({ modstamp: 1_700_000_000_123, id: '00Q000000000001AAA' });
    expect(decodeCursor(cursor, 'Contact')).toHaveProperty('error');
  });

  it.each([
    ['garbage', '!!!'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['JSON null', Buffer.from('null').toString('base64url')],
    ['a text time', Buffer.from(JSON.stringify({ v: 1, o: 'Lead', t: '0', id: '00Q000000000001AAA' })).toString('base64url')],
    ['a negative time', Buffer.from(JSON.stringify({ v: 1, o: 'Lead', t: -1, id: '00Q000000000001AAA' })).toString('base64url')],
    ['a quoted id', Buffer.from(JSON.stringify({ v: 1, o: 'Lead', t: 0, id: "00Q0000000000'1" })).toString('base64url')],
    ['too long', 'A'.repeat(300)],
  ])('refuses %s', (_name, cursor) => expect(decodeCursor(cursor, 'Lead')).toHaveProperty('error'));
});
