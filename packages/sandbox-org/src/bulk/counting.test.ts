import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../clock.ts';
import { RequestCounter } from '../platform/test-support.ts';
import type { RunningSandbox } from '../start.ts';
import { bulkRequest, connect, firstError, startBulkSandbox } from './test-support.ts';

let sandbox: RunningSandbox & { clock: ManualClock };
beforeAll(async () => {
  sandbox = await startBulkSandbox();
});
afterAll(() => sandbox.close());

// Salesforce: "Each HTTP request counts as one call" for Bulk API use (see routes.ts for the source):
// every request to the jobs resources is one call; the records a job writes cost none.
describe('Bulk API 2.0 calls against DailyApiRequests', () => {
  it('counts each request jsforce sends once, in the window and in the ground truth, and nothing for the rows', async () => {
    const { org, conn } = connect(sandbox, { dailyLimit: 1_000 });
    const counter = new RequestCounter(sandbox.url);
    try {
      const input = Array.from({ length: 500 }, (_, i) => ({ LastName: `L${i}`, Company: 'C' }));
      const loaded = await conn.bulk2.loadAndWaitForResults({ object: 'Lead', operation: 'insert', input });
      expect(loaded.successfulResults).toHaveLength(500);
      const stream = await conn.bulk2.query('SELECT Id FROM Lead');
      expect(await stream.toArray()).toHaveLength(500);
      const sent = counter.servicesCount;
      // Ingest: create, upload, close, two polls, three result files. Query: create, two polls, one page.
      expect(sent).toBe(12);
      const truth = sandbox.control.groundTruth(org.orgId);
      expect([truth.total, truth.counted]).toEqual([sent, sent]);
      expect(sandbox.control.usage(org.orgId).used).toBe(sent);
      // What the org reports, as a client sees it (the /limits call is one more).
      expect((await conn.limits()).DailyApiRequests).toEqual({ Max: 1_000, Remaining: 1_000 - sent - 1 });
      const paths = truth.byMethodPath.map((p) => `${p.method} ${p.path.replace(/\/750\w{15}/, '/{id}')} ${p.count}`);
      expect(paths).toEqual(
        expect.arrayContaining(['PUT /services/data/v62.0/jobs/ingest/{id}/batches 1', 'GET /services/data/v62.0/jobs/ingest/{id}/failedResults 1', 'GET /services/data/v62.0/jobs/query/{id}/results 1']),
      );
    } finally {
      counter.dispose();
    }
  });

  it('refuses a Bulk request with REQUEST_LIMIT_EXCEEDED once the window is full (recorded, not counted)', async () => {
    const { org } = connect(sandbox, { dailyLimit: 2 });
    expect((await bulkRequest(org, '/jobs/ingest')).status).toBe(200);
    expect((await bulkRequest(org, '/jobs/query')).status).toBe(200);
    const refused = await bulkRequest(org, '/jobs/ingest', { method: 'POST', json: { object: 'Account', operation: 'insert' } });
    expect([refused.status, firstError(refused).errorCode]).toEqual([403, 'REQUEST_LIMIT_EXCEEDED']);
    const truth = sandbox.control.groundTruth(org.orgId);
    expect([truth.total, truth.counted]).toEqual([3, 2]);
    // The rolling window releases the calls a day later.
    sandbox.clock.advance(24 * 3_600_000);
    expect((await bulkRequest(org, '/jobs/ingest')).status).toBe(200);
  });
});
