/**
 * jsforce 3 against the sandbox org and through our passthrough, same assertions both ways: describe
 * with its 304 for If-Modified-Since, identity(), limits(), and Bulk API 2.0 ingest and query jobs.
 * Bulk 2.0 goes through the root mount (`instanceUrl = <api>`): jsforce resolves its ingest paths
 * against the instance URL's origin, so an instance URL with a path cannot carry it.
 */
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useStack } from '../support/stack.ts';
import { jsforceFor } from './jsforce.ts';
import { WAYS, closeWay, openWay, runChecks, sameCostBothWays, type Way, type WayName } from './ways.ts';

const stack = useStack();
const cost = new Map<WayName, number>();

describe.each(WAYS)('jsforce 3 with the org, %s', (wayName) => {
  let way: Way;
  let conn: Connection;
  /** The same key at the root mount, for Bulk 2.0. */
  let bulk: Connection;
  beforeAll(async () => {
    way = await openWay(stack, wayName, 'default');
    conn = jsforceFor(way);
    bulk = jsforceFor(way, 'root');
    // Poll Bulk jobs often: the sandbox finishes them at once.
    bulk.bulk2.pollInterval = 50;
    bulk.bulk2.pollTimeout = 15_000;
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

  it('loads 500 records with a Bulk 2.0 ingest job', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `Bulk ${i},Bülk Co`);
    const results = await bulk.bulk2.loadAndWaitForResults({ object: 'Lead', operation: 'insert', input: ['LastName,Company', ...rows].join('\n') + '\n' });
    expect(results.failedResults).toEqual([]);
    expect(results.successfulResults).toHaveLength(500);
    expect(results.successfulResults[0]).toMatchObject({ sf__Created: 'true', sf__Id: expect.stringMatching(/^00Q\w{15}$/) });
    // Asked where Salesforce serves it: at the root of the instance URL, the CSV upload included.
    expect(way.served.filter((r) => r.url.startsWith('/services/data/v62.0/jobs/ingest')).map((r) => `${r.method} ${r.statusCode}`)).toEqual(expect.arrayContaining(['POST 200', 'PUT 201', 'PATCH 200']));
  });

  it('reads them back with a Bulk 2.0 query job', async () => {
    const records = await (await bulk.bulk2.query("SELECT Id, LastName, Company FROM Lead WHERE Company = 'Bülk Co'")).toArray();
    expect(records).toHaveLength(500);
    expect(new Set(records.map((r) => r.LastName))).toEqual(new Set(Array.from({ length: 500 }, (_, i) => `Bulk ${i}`)));
  });

  runChecks(cost, wayName, stack, () => way);
});

sameCostBothWays(cost);
