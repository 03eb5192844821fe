/** Query, queryAll and query locators through jsforce, including autoFetch over 5,000 records. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS } from './test-targets.ts';
import type { Target, TargetOrg } from './test-targets.ts';

async function errorCode(promise: PromiseLike<unknown>): Promise<string | undefined> {
  return Promise.resolve(promise).then(
    () => undefined,
    (e: { errorCode?: string }) => e.errorCode,
  );
}

describe.each(TARGETS)('query (%s)', (_name, start) => {
  let target: Target;
  beforeAll(async () => {
    target = await start();
  });
  afterAll(() => target.close());

  describe('5,000 leads', () => {
    let t: TargetOrg;
    beforeAll(async () => {
      t = await target.newOrg();
      t.seed(
        'Lead',
        Array.from({ length: 5000 }, (_, i) => ({ LastName: `Lead ${i}`, Company: `Co ${i % 7}`, Email: `l${i}@example.com` })),
      );
    });

    it('pages 2,000 at a time: autoFetch gets all 5,000 in 3 requests, fast', async () => {
      const before = t.requests();
      const started = performance.now();
      const result = await t.conn.query('SELECT Id, LastName, Email FROM Lead', { autoFetch: true, maxFetch: 10000 });
      const elapsed = performance.now() - started;
      expect(result.records).toHaveLength(5000);
      expect(result.totalSize).toBe(5000);
      expect(new Set(result.records.map((r) => r['Id'])).size).toBe(5000);
      expect(t.requests() - before).toBe(3);
      expect(elapsed).toBeLessThan(1000);
      expect(result.records[0]).toMatchObject({ attributes: { type: 'Lead' }, LastName: 'Lead 0' });
    });

    it('shows nextRecordsUrl with a locator and done:false on the first page', async () => {
      const first = await t.conn.request<{ done: boolean; nextRecordsUrl: string; records: unknown[]; totalSize: number }>('/query?q=' + encodeURIComponent('SELECT Name FROM Lead'));
      expect(first).toMatchObject({ totalSize: 5000, done: false });
      expect(first.records).toHaveLength(2000);
      expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[a-zA-Z0-9]{15}-2000$/);
      expect((first.records[0] as { attributes: { url: string } }).attributes.url).toMatch(/\/sobjects\/Lead\/00Q/);
      const last = await t.conn.request<{ done: boolean; nextRecordsUrl?: string; records: unknown[] }>(first.nextRecordsUrl.replace('-2000', '-4000'));
      expect(last.done).toBe(true);
      expect(last.nextRecordsUrl).toBeUndefined();
      expect(last.records).toHaveLength(1000);
    });

    it('honours Sforce-Query-Options batchSize (clamped to 200..2000)', async () => {
      const before = t.requests();
      const result = await t.conn.query("SELECT Id FROM Lead WHERE Company = 'Co 1'", {
        autoFetch: true,
        maxFetch: 10000,
        headers: { 'Sforce-Query-Options': 'batchSize=300' },
      });
      expect(result.records).toHaveLength(715);
      expect(t.requests() - before).toBe(3);
    });

    it('expires an unused locator after 15 minutes', async () => {
      const first = await t.conn.request<{ nextRecordsUrl: string }>('/query?q=' + encodeURIComponent('SELECT Id FROM Lead'));
      t.clock.advance(16 * 60_000);
      expect(await errorCode(t.conn.request(first.nextRecordsUrl))).toBe('INVALID_QUERY_LOCATOR');
    });

    it('counts with COUNT()', async () => {
      const result = await t.conn.query("SELECT COUNT() FROM Lead WHERE Company = 'Co 1'");
      expect(result).toMatchObject({ totalSize: 715, done: true, records: [] });
    });
  });

  it('queryAll sees deleted records; query does not', async () => {
    const t = await target.newOrg();
    const [keep, gone] = t.seed('Lead', [
      { LastName: 'Keep', Company: 'c' },
      { LastName: 'Gone', Company: 'c' },
    ]);
    await t.conn.sobject('Lead').destroy(gone!);
    const live = await t.conn.query('SELECT Id, IsDeleted FROM Lead');
    expect(live.records.map((r) => r['Id'])).toEqual([keep]);
    const all = await t.conn.query('SELECT Id, IsDeleted FROM Lead ORDER BY LastName', { scanAll: true });
    expect(all.records.map((r) => [r['Id'], r['IsDeleted']])).toEqual([
      [gone, true],
      [keep, false],
    ]);
  });

  it('SystemModstamp strictly increases, so "> last seen" pulls miss nothing on a still clock', async () => {
    const t = await target.newOrg();
    const [a] = t.seed('Contact', [{ LastName: 'A' }]);
    const first = await t.conn.query('SELECT Id, SystemModstamp FROM Contact ORDER BY SystemModstamp DESC LIMIT 1');
    const mark = String(first.records[0]!['SystemModstamp']).replace('+0000', 'Z');
    await t.conn.sobject('Contact').update({ Id: a!, Title: 'changed' });
    const { id: b } = (await t.conn.sobject('Contact').create({ LastName: 'B' })) as { id: string };
    const pulled = await t.conn.query(`SELECT Id FROM Contact WHERE SystemModstamp > ${mark} ORDER BY SystemModstamp`);
    expect(pulled.records.map((r) => r['Id'])).toEqual([a, b]);
  });

  it('answers query errors and bad locators in Salesforce shape', async () => {
    const t = await target.newOrg();
    expect(await errorCode(t.conn.query('SELECT Foo FROM Lead'))).toBe('INVALID_FIELD');
    expect(await errorCode(t.conn.query('SELECT Id FROM Nope'))).toBe('INVALID_TYPE');
    expect(await errorCode(t.conn.query('SELEKT Id FROM Lead'))).toBe('MALFORMED_QUERY');
    expect(await errorCode(t.conn.queryMore('01gD0000002HU6KIAW-2000'))).toBe('INVALID_QUERY_LOCATOR');
  });
});
