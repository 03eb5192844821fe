/**
 * SOQL injection: every input that reaches a query (the pull's since, cursor, limit and sobject,
 * the mapping's field names that end up in SELECT lists) is refused with a 400 problem and no
 * call, and record values travel in JSON bodies, never in SOQL. The sandbox records the raw query
 * string of every call it receives, so the test reads the exact SOQL Salesforce was sent.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { GroundTruthCall } from '../support/sandbox.ts';
import { enc, INJECTIONS } from './generators/index.ts';
import { limiterTotal } from '../support/api.ts';
import { refusalProblem, sandboxTotals, startHostileWorld, type HostileWorld } from './support.ts';

/** Injection attempts: classic, escaped, unicode quotes, encoded, control characters, very long. */
const ATTEMPTS = [
  ...INJECTIONS,
  "2026-01-01T00:00:00Z' OR Id != null OR SystemModstamp > '",
  '2026-01-01T00:00:00Z OR Id != null',
  '2026-01-01T00:00:00Z)) OR ((Id != null',
  'Lead WHERE Id != null --',
  'Lead, Contact',
  'Lead\nWHERE Id != null',
  "x\\' OR Name != \\'",
  '%27 OR %27%27=%27',
  '1 OR 1=1',
  '1; SELECT Id FROM User',
  '5 OFFSET 0',
  '2000 ',
  '２０００',
  '1e3',
  '0x10',
  "' OR ''='".repeat(300),
];

/** Fragments that must never reach Salesforce inside a query. */
const FRAGMENTS = ['OR Id != null', "OR ''='", "Name != '", '＇', '’', '%27', '--', ';', '\u0000', '\n', '(SELECT', 'OFFSET', 'User', '\\'];

const LEAD_SELECT = 'SELECT Id, SystemModstamp, LastModifiedDate, FirstName, LastName, Email, Company, Title, Status, LeadSource, City, Country FROM Lead';

function soqlOf(call: GroundTruthCall): string | undefined {
  return call.query === undefined ? undefined : (new URLSearchParams(call.query).get('q') ?? undefined);
}

describe('SOQL injection', () => {
  let world: HostileWorld;
  let base: string;
  let attempts = 0;
  const sync = (): string => world.keys.sync;
  const admin = (): string => world.keys.administrator;

  const send = async (method: string, path: string, key: string, body?: unknown) => {
    const response = await world.api.app.inject({
      method: method as 'GET',
      url: path,
      remoteAddress: '203.0.113.50',
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return { status: response.statusCode, headers: response.headers, body: response.body, json: () => response.json() };
  };

  /** Calls the sandbox received for the org, from `from` on. */
  const callsSince = (from: number): GroundTruthCall[] => world.sandbox.control.groundTruth(world.sf.orgId, { offset: from }).calls;
  const total = (): number => world.sandbox.control.groundTruth(world.sf.orgId, { limit: 0 }).total;

  /** Send a request that must be refused with VALIDATION_FAILED and cost nothing. */
  async function refused(method: string, path: string, key: string, body?: unknown): Promise<void> {
    attempts++;
    const before = { sandbox: sandboxTotals(world), limiter: await limiterTotal(world.api, world.orgId) };
    const response = await send(method, path, key, body);
    const label = `${method} ${path.slice(0, 200)} ${body === undefined ? '' : JSON.stringify(body).slice(0, 200)}`;
    expect(refusalProblem(method, response), label).toBeUndefined();
    expect(response.status, label).toBe(400);
    expect(response.json().code, label).toBe('VALIDATION_FAILED');
    expect(sandboxTotals(world), label).toEqual(before.sandbox);
    expect(await limiterTotal(world.api, world.orgId), label).toBe(before.limiter);
  }

  beforeAll(async () => {
    world = await startHostileWorld(inject('redisUrl'), { services: { authFailures: { maxFailures: 1_000_000, windowMs: 60_000 } } });
    base = `/v1/orgs/${world.orgId}`;
  });
  afterAll(() => world?.close());

  it('sends exactly the intended SOQL for a legitimate pull, first page and next', async () => {
    world.sandbox.control.seed(
      world.sf.orgId,
      'Lead',
      Array.from({ length: 3 }, (_, i) => ({ LastName: `Seed ${i}`, Company: 'Seed Inc' })),
    );
    const from = total();
    const first = await send('GET', `${base}/sync/leads?since=2026-01-01T00:00:00Z&limit=2`, sync());
    expect(first.status).toBe(200);
    const firstCalls = callsSince(from);
    expect(firstCalls.map((c) => [c.method, c.path])).toEqual([['GET', '/services/data/v62.0/query']]);
    expect([...new URLSearchParams(firstCalls[0]!.query).keys()]).toEqual(['q']);
    expect(soqlOf(firstCalls[0]!)).toBe(`${LEAD_SELECT} WHERE SystemModstamp > 2026-01-01T00:00:00.000Z ORDER BY SystemModstamp ASC, Id ASC LIMIT 3`);

    const page = first.json() as { records: { id: string }[]; nextCursor: string };
    const position = JSON.parse(Buffer.from(page.nextCursor, 'base64url').toString('utf8')) as { t: number; id: string };
    const next = total();
    expect((await send('GET', `${base}/sync/leads?cursor=${page.nextCursor}&limit=2`, sync())).status).toBe(200);
    const stamp = new Date(position.t).toISOString();
    expect(callsSince(next).map(soqlOf)).toEqual([`${LEAD_SELECT} WHERE (SystemModstamp > ${stamp}) OR (SystemModstamp = ${stamp} AND Id > '${page.records.at(-1)!.id}') ORDER BY SystemModstamp ASC, Id ASC LIMIT 3`]);
  });

  it('refuses injection in since, cursor, limit and sobject with 400 and no call', async () => {
    for (const attempt of ATTEMPTS) {
      const value = enc(attempt);
      await refused('GET', `${base}/sync/leads?since=${value}`, sync());
      await refused('GET', `${base}/sync/leads?since=2026-01-01T00:00:00Z&limit=${value}`, sync());
      await refused('GET', `${base}/sync/leads?cursor=${value}`, sync());
      await refused('GET', `${base}/sync/leads?since=2026-01-01T00:00:00Z&sobject=${value}`, sync());
      await refused('GET', `${base}/sync/custom-fields?since=2026-01-01T00:00:00Z&sobject=${value}`, sync());
      // A forged cursor: well-formed base64url JSON with the attempt in each field.
      for (const body of [
        { v: 1, o: attempt, t: 0, id: '00Q000000000001AAA' },
        { v: 1, o: 'Lead', t: attempt, id: '00Q000000000001AAA' },
        { v: 1, o: 'Lead', t: 0, id: attempt },
      ]) {
        await refused('GET', `${base}/sync/leads?cursor=${Buffer.from(JSON.stringify(body)).toString('base64url')}`, sync());
      }
    }
    expect(attempts).toBeGreaterThan(ATTEMPTS.length * 8 - 1);
  });

  it('refuses injection in mapped field names with 400 and no call, and selects only described names', async () => {
    // Warm the describes: a name that passes the pattern is then checked against them at no cost.
    expect((await send('GET', `${base}/mappings/leads`, admin())).status).toBe(200);
    expect((await send('GET', `${base}/mappings/custom-fields`, admin())).status).toBe(200);
    const extra = ['Name__c_OR_Id', 'FROM', 'WHERE', 'Id', 'SystemModstamp_OR_Id'];
    for (const attempt of [...ATTEMPTS, ...extra]) {
      await refused('PUT', `${base}/mappings/leads`, admin(), { mappings: [{ crmField: 'lastName', salesforceField: attempt, conflict: 'recent' }] });
      await refused('PUT', `${base}/mappings/custom-fields`, admin(), { mappings: [{ crmField: 'color', salesforceField: attempt, conflict: 'recent' }] });
    }
    // CRM field names are JSON keys, never SOQL; still, the hostile ones are refused.
    for (const attempt of ATTEMPTS.filter((a) => !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(a) || ['constructor', 'prototype'].includes(a))) {
      await refused('PUT', `${base}/mappings/leads`, admin(), { mappings: [{ crmField: attempt, salesforceField: 'LastName', conflict: 'recent' }] });
    }
    // A real field in the wrong case is saved with the describe's spelling, which is what SELECT gets.
    expect((await send('PUT', `${base}/mappings/custom-fields`, admin(), { mappings: [{ crmField: 'color', salesforceField: 'favorite_color__C', conflict: 'recent' }] })).status).toBe(200);
    const from = total();
    expect((await send('GET', `${base}/sync/custom-fields?sobject=Lead&since=2026-01-01T00:00:00Z`, sync())).status).toBe(200);
    expect(callsSince(from).map(soqlOf).filter(Boolean)).toEqual([
      'SELECT Id, SystemModstamp, LastModifiedDate, Favorite_Color__c FROM Lead WHERE SystemModstamp > 2026-01-01T00:00:00.000Z ORDER BY SystemModstamp ASC, Id ASC LIMIT 501',
    ]);
  });

  it('pushes record values in JSON bodies: a pull finds them literally, and no query ever held them', async () => {
    const values = ["x' OR Name != '", "\\' OR ''='", '＇ OR ＇＇=＇', '’ OR ’’=’', '%27 OR 1=1 --', "line\nbreak' OR Id != null", "Robert'); DELETE FROM Lead; --"];
    const since = new Date(Date.now() - 2000).toISOString().replace(/\.\d+Z$/, 'Z');
    const records = values.map((value, i) => ({ lastName: value, company: `Inject ${i}`, title: value }));
    const pushed = await send('POST', `${base}/sync/leads`, sync(), { operation: 'create', records });
    expect(pushed.status).toBe(200);
    const results = (pushed.json() as { results: { success: boolean }[] }).results;
    expect(
      results.every((r) => r.success),
      JSON.stringify(results),
    ).toBe(true);
    // A NUL in a value: either stored as sent, or refused for that record alone; never a 5xx.
    const nul = await send('POST', `${base}/sync/leads`, sync(), { operation: 'create', records: [{ lastName: 'nul\u0000byte', company: 'Nul Inc' }] });
    expect(nul.status).toBe(200);

    const found: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    do {
      const page = await send('GET', `${base}/sync/leads?${cursor ? `cursor=${cursor}` : `since=${since}`}&limit=2000`, sync());
      expect(page.status).toBe(200);
      const body = page.json() as { records: Record<string, unknown>[]; nextCursor: string | null; done: boolean };
      found.push(...body.records);
      cursor = body.done ? null : body.nextCursor;
    } while (cursor);
    for (const [i, value] of values.entries()) {
      expect(
        found.filter((r) => r['company'] === `Inject ${i}`).map((r) => [r['lastName'], r['title']]),
        value,
      ).toEqual([[value, value]]);
    }

    // Every query the sandbox ever received for this org: none carries an injected fragment, and
    // its only quotes wrap a record id.
    const queries = world.sandbox.control
      .groundTruth(world.sf.orgId)
      .calls.map(soqlOf)
      .filter((q): q is string => q !== undefined);
    expect(queries.length).toBeGreaterThanOrEqual(4);
    for (const q of queries) {
      for (const fragment of FRAGMENTS) expect(q.includes(fragment), `${JSON.stringify(fragment)} in ${q}`).toBe(false);
      expect(q.replace(/'[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?'/g, ''), q).not.toContain("'");
      expect(q).toMatch(/^SELECT Id, SystemModstamp, LastModifiedDate(, [A-Za-z][A-Za-z0-9_]*)* FROM (Lead|Contact) (WHERE .+ )?ORDER BY SystemModstamp ASC, Id ASC LIMIT \d+$/);
    }
    console.info(`soql: ${attempts} injection attempts refused with 400 and no call; ${queries.length} queries received, all as intended`);
  });
});
