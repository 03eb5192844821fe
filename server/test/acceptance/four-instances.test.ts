/**
 * The core promise: 2,000 concurrent sync calls from 4 API instances sharing one Redis, against an org
 * with a budget of 500 → the sandbox org receives exactly 500 of our calls, and every refused client
 * got a 429 (deferWhenLimited off: the refusal is what is measured) whose Retry-After is never before the true release time and at most one bucket after it.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../support/sandbox.ts';
import { BUCKET_MS, WINDOW_MS } from '../../src/limiter/window.ts';
import { connectedOrg, startApi, type RunningApi } from '../support/api.ts';

const INSTANCES = 4;
const REQUESTS = 2_000;
const BUDGET = 500;

describe('four instances, one Redis, budget 500', () => {
  let sandbox: RunningSandbox;
  const apis: RunningApi[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox();
    const adminKey = `cb_test_four_instances_${Date.now()}`;
    for (let i = 0; i < INSTANCES; i++) apis.push(await startApi({ redisUrl: inject('redisUrl'), adminKey }));
  });
  afterAll(async () => {
    await Promise.all(apis.map((api) => api.close()));
    await sandbox.close();
  });

  it('sends exactly 500 calls and tells every refused client when to come back', async () => {
    const { orgId, sf } = await connectedOrg(apis[0]!, sandbox, { dailyLimit: BUDGET, thresholds: { interactive: 1, sync: 1, bulk: 1 }, deferWhenLimited: false });
    const outcomes = await Promise.all(
      Array.from({ length: REQUESTS }, async (_, i) => {
        const api = apis[i % INSTANCES]!;
        const response = await fetch(`${api.url}/v1/orgs/${orgId}/sync/leads`, {
          method: 'POST',
          headers: { authorization: `Bearer ${api.adminKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ operation: 'create', records: [{ lastName: `Load ${i}`, company: 'Acme' }] }),
        });
        const receivedAt = Date.now();
        return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown>, receivedAt };
      }),
    );

    const truth = sandbox.control.groundTruth(sf.orgId, { limit: 10_000 });
    // Our calls: the credential check at connect (1) plus the admitted syncs.
    expect(truth.counted).toBe(BUDGET);
    expect(truth.calls.filter((c) => c.counted).every((c) => c.client === 'callbudget')).toBe(true);
    const admitted = outcomes.filter((o) => o.status === 200);
    const refused = outcomes.filter((o) => o.status === 429);
    expect(admitted).toHaveLength(BUDGET - 1);
    expect(refused).toHaveLength(REQUESTS - (BUDGET - 1));

    // The true release: the oldest call the sandbox counted leaves its window exactly 24 h later.
    const trueRelease = Math.min(...truth.calls.filter((c) => c.counted).map((c) => c.time)) + WINDOW_MS;
    for (const o of refused) {
      expect(o.body.code).toBe('BUDGET_EXHAUSTED');
      const retryAt = Date.parse(String(o.body.retryAt));
      expect(retryAt).toBeGreaterThanOrEqual(trueRelease);
      expect(retryAt).toBeLessThan(trueRelease + BUCKET_MS);
      const headerSeconds = Number(o.retryAfter);
      expect(Number.isInteger(headerSeconds)).toBe(true);
      expect(o.receivedAt + headerSeconds * 1000).toBeGreaterThanOrEqual(trueRelease);
      expect(o.receivedAt + headerSeconds * 1000).toBeLessThan(trueRelease + BUCKET_MS + 2_000);
    }
  }, 120_000);
});
