/**
 * jsforce 3 against the sandbox org and through our passthrough, same assertions both ways: describe
 * with its 304 for If-Modified-Since, identity(), limits(), and Bulk API 2.0 ingest and query jobs.
 */
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useStack } from '../support/stack.ts';
import { jsforceFor } from './jsforce.ts';
import { WAYS, checkRun, closeWay, countedByRun, openWay, type Way, type WayName } from './ways.ts';

const stack = useStack();
const cost = new Map<WayName, number>();

describe.each(WAYS)('jsforce 3 with the org, %s', (wayName) => {
  let way: Way;
  let conn: Connection;
  beforeAll(async () => {
    way = await openWay(stack, wayName, 'default');
    conn = jsforceFor(way);
    // Poll Bulk jobs often: the sandbox finishes them at once.
    conn.bulk2.pollInterval = 50;
    conn.bulk2.pollTimeout = 15_000;
  });
  afterAll(() => closeWay(way));

  it('describes an sObject, and answers 304 to If-Modified-Since its Last-Modified', async () => {
    const described = await conn.describe('Lead');
    expect(described.name).toBe('Lead');
    expect(described.fields.map((f) => f.name)).toContain('LastName');
    const lastModified = [...way.served].reverse().find((r) => r.url.endsWith('/sobjects/Lead/describe'))?.headers['last-modified'];
    expect(lastModified).toMatch(/GMT$/);
    await conn.request({ method: 'GET', url: '/services/data/v62.0/sobjects/Lead/describe', headers: { 'If-Modified-Since': lastModified! } });
    const answer = way.served.at(-1)!;
    expect({ url: answer.url.slice(answer.url.indexOf('/services/')), status: answer.statusCode, body: answer.body }).toEqual({ url: '/services/data/v62.0/sobjects/Lead/describe', status: 304, body: '' });
  });

  it("returns the user's identity", async () => {
    const identity = await conn.identity();
    expect(identity).toMatchObject({ organization_id: way.sfOrgId, user_id: expect.stringMatching(/^005\w{15}$/), username: expect.any(String) });
    // jsforce remembers the identity URL and asks it again: it must be one the client can reach.
    expect((await conn.identity()).user_id).toBe(identity.user_id);
  });

  it('reads the org limits', async () => {
    const limits = await conn.limits();
    expect(limits.DailyApiRequests).toMatchObject({ Max: 15_000 });
    expect(limits.DailyApiRequests?.Remaining).toBeLessThan(15_000);
    expect(conn.limitInfo.apiUsage?.limit).toBe(15_000);
  });

  // Known gap (issue 11, open): jsforce 3.10's Bulk 2.0 builds its URLs with `new URL(path, instanceUrl)`,
  // dropping the instance URL's path, so through `/v1/orgs/{id}/salesforce` it asks `<api>/services/…`.
  // Fix under way: the passthrough mounted at the API root, the org picked by the key. `it.fails` keeps
  // the failure visible and turns red the day it passes, so the mark is removed with the fix.
  const bulkThroughPassthrough = wayName === 'passthrough' ? it.fails : it;

  bulkThroughPassthrough('loads 500 records with a Bulk 2.0 ingest job', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `Bulk ${i},Bülk Co`);
    const results = await conn.bulk2.loadAndWaitForResults({ object: 'Lead', operation: 'insert', input: ['LastName,Company', ...rows].join('\n') + '\n' });
    expect(results.failedResults).toEqual([]);
    expect(results.successfulResults).toHaveLength(500);
    expect(results.successfulResults[0]).toMatchObject({ sf__Created: 'true', sf__Id: expect.stringMatching(/^00Q\w{15}$/) });
  });

  bulkThroughPassthrough('reads them back with a Bulk 2.0 query job', async () => {
    const records = await (await conn.bulk2.query("SELECT Id, LastName, Company FROM Lead WHERE Company = 'Bülk Co'")).toArray();
    expect(records).toHaveLength(500);
    expect(new Set(records.map((r) => r.LastName))).toEqual(new Set(Array.from({ length: 500 }, (_, i) => `Bulk ${i}`)));
  });

  it('after the run: the checks of every run', async () => {
    try {
      await checkRun(stack, way);
    } finally {
      cost.set(wayName, countedByRun(stack, way));
    }
  });
});

// Fails while the Bulk 2.0 gap above stands: the passthrough run sends no Bulk calls.
it.fails('the passthrough cost the org exactly the calls going straight did', () => {
  expect(cost.get('passthrough')).toBe(cost.get('sandbox'));
});
