/** Composite Batch over real HTTP: independent subrequests, haltOnError, and one counted call per subrequest. */
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { apiRequest } from '../platform/test-support.ts';
import { startSandbox, type RunningSandbox } from '../start.ts';
import type { OrgInfo } from '../types.ts';

interface BatchAnswer {
  hasErrors: boolean;
  results: { statusCode: number; result: unknown }[];
}

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ clock: new ManualClock() });
});
afterAll(() => sandbox.close());

function open(spec: { dailyLimit?: number; usageAtStart?: number } = {}): { org: OrgInfo; conn: jsforce.Connection } {
  const org = sandbox.control.createOrg({ dailyLimit: 1000, ...spec });
  return { org, conn: new jsforce.Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: '62.0' }) };
}

const batch = (conn: jsforce.Connection, batchRequests: unknown[], haltOnError = false): Promise<BatchAnswer> => conn.requestPost<BatchAnswer>('/composite/batch', { haltOnError, batchRequests });

describe('POST /composite/batch', () => {
  it('runs each subrequest independently and counts one call per subrequest, none for the batch itself', async () => {
    const { org, conn } = open();
    const [id] = sandbox.control.seed(org.orgId, 'Account', [{ Name: 'Before' }]).ids;
    const answer = await batch(conn, [
      { method: 'PATCH', url: `v62.0/sobjects/Account/${id}`, richInput: { Name: 'After' } },
      { method: 'GET', url: `v62.0/sobjects/Account/${id}?fields=Name` },
      { method: 'POST', url: '/services/data/v62.0/sobjects/Account', richInput: { Name: 'New' } },
      { method: 'GET', url: 'v62.0/sobjects/Account/001000000000000AAA' },
    ]);
    expect(answer.hasErrors).toBe(true);
    expect(answer.results.map((r) => r.statusCode)).toEqual([204, 200, 201, 404]);
    expect(answer.results[0]!.result).toBeNull();
    expect(answer.results[1]!.result).toMatchObject({ Name: 'After' });
    expect(answer.results[2]!.result).toMatchObject({ success: true });
    expect(sandbox.control.usage(org.orgId).used).toBe(4);
    const truth = sandbox.control.groundTruth(org.orgId);
    expect(truth).toMatchObject({ total: 1, counted: 4 });
    expect(truth.calls[0]).toMatchObject({ path: '/services/data/v62.0/composite/batch', counted: true, units: 4 });
  });

  it('reports the final usage in Sforce-Limit-Info', async () => {
    const { org } = open({ usageAtStart: 10 });
    const res = await apiRequest(`${org.instanceUrl}/services/data/v62.0/composite/batch`, org.accessToken, {
      method: 'POST',
      json: {
        batchRequests: [
          { method: 'GET', url: 'v62.0/limits' },
          { method: 'GET', url: 'v62.0/sobjects' },
          { method: 'GET', url: 'v62.0/query?q=SELECT+Id+FROM+Account' },
        ],
      },
    });
    expect(res.status).toBe(200);
    const answer = res.json() as BatchAnswer;
    expect(answer.results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    // The limits subrequest ran first: it sees its own call counted, not the later ones.
    expect(answer.results[0]!.result).toMatchObject({ DailyApiRequests: { Max: 1000, Remaining: 989 } });
    expect(res.headers['sforce-limit-info']).toBe('api-usage=13/1000');
  });

  it('with haltOnError stops at the first failure: the rest answer 412 and are not counted', async () => {
    const { org, conn } = open();
    const answer = await batch(
      conn,
      [
        { method: 'POST', url: 'v62.0/sobjects/Account', richInput: { Name: 'One' } },
        { method: 'POST', url: 'v62.0/sobjects/Account', richInput: { Nope__c: 1 } },
        { method: 'POST', url: 'v62.0/sobjects/Account', richInput: { Name: 'Three' } },
      ],
      true,
    );
    expect(answer.results.map((r) => r.statusCode)).toEqual([201, 400, 412]);
    expect(answer.results[2]!.result).toEqual([{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }]);
    // Earlier commits stay.
    expect(sandbox.control.groundTruth(org.orgId).counted).toBe(2);
    expect((await conn.query('SELECT Name FROM Account')).records.map((r) => r['Name'])).toEqual(['One']);
  });

  it('answers subrequests past a full window 403 REQUEST_LIMIT_EXCEEDED without running them', async () => {
    const { org, conn } = open({ dailyLimit: 5, usageAtStart: 3 });
    const create = (Name: string) => ({ method: 'POST', url: 'v62.0/sobjects/Account', richInput: { Name } });
    const answer = await batch(conn, [create('a'), create('b'), create('c'), create('d')]);
    expect(answer.results.map((r) => r.statusCode)).toEqual([201, 201, 403, 403]);
    expect(answer.results[2]!.result).toEqual([{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]);
    expect(sandbox.control.usage(org.orgId).used).toBe(5);
    expect(sandbox.control.groundTruth(org.orgId).counted).toBe(2);
  });

  it('refuses more than 25 subrequests, or a malformed envelope, with 400 before running any (one counted call)', async () => {
    const { org, conn } = open();
    const many = Array.from({ length: 26 }, () => ({ method: 'POST', url: 'v62.0/sobjects/Account', richInput: { Name: 'x' } }));
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: { errorCode?: string }) => e.errorCode,
      );
    expect(await code(batch(conn, many))).toBe('INVALID_BATCH_REQUEST');
    expect(await code(batch(conn, many.slice(0, 25)))).toBe('ok');
    expect(await code(conn.requestPost('/composite/batch', { batchRequests: [] }))).toBe('JSON_PARSER_ERROR');
    expect(await code(conn.requestPost('/composite/batch', { batchRequests: [{ method: 'GET' }] }))).toBe('JSON_PARSER_ERROR');
    const newer = await batch(conn, [{ method: 'GET', url: 'v63.0/sobjects' }]);
    expect(newer.results[0]).toMatchObject({ statusCode: 400, result: [{ errorCode: 'INVALID_BATCH_REQUEST' }] });
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBe(25);
    expect(sandbox.control.groundTruth(org.orgId).counted).toBe(1 + 25 + 1 + 1 + 1 + 1);
  });

  it('cannot nest composite resources', async () => {
    const { conn } = open();
    const answer = await batch(conn, [{ method: 'POST', url: 'v62.0/composite/batch', richInput: { batchRequests: [] } }]);
    expect(answer.results[0]!.statusCode).toBe(404);
  });
});
