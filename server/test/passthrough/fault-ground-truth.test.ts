/**
 * Issue 8: a real jsforce client through the passthrough while the sandbox org misbehaves. In each
 * episode the calls the sandbox counted equal our `used` exactly, and one logical request costs at
 * most what the same client costs sent straight to the stack.sandbox.
 */
import { Connection } from 'jsforce';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../support/sandbox.ts';
import { connectedOrg } from '../support/api.ts';
import { useStack } from '../support/stack.ts';
import { settledCounts } from '../support/counted-calls.ts';
import { clientFor, sandboxDataCalls } from './support.ts';

// jsforce's own retry loop (5 retries of GET on 5xx, resets and our 429), only with shorter pauses.
const CLIENT_OPTIONS = { retry: { minTimeout: 10, timeoutFactor: 1 } };
const TIMEOUT_MS = 400;

describe('passthrough under faults: counts equal the org ground truth', () => {
  // A manual clock: other integrations' traffic advances only when the test moves it.
  const stack = useStack({ sandbox: { clock: new ManualClock(Date.now()) }, api: { env: { SALESFORCE_TIMEOUT_MS: String(TIMEOUT_MS) } } });

  const get = (client: Connection, path: string): Promise<unknown> => client.request({ method: 'GET', url: `/services/data/v62.0${path}` }, CLIENT_OPTIONS).catch((error: unknown) => error);
  const countedFor = (sfOrgId: string): number => stack.sandbox.control.groundTruth(sfOrgId).counted;

  it('persistent 503: through us a GET costs no more than straight to the sandbox (6)', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    stack.sandbox.control.addFault(sf.orgId, { kind: 'error', status: 503, method: 'GET', pathContains: '/sobjects/Account/describe', probability: 1 });
    const direct = new Connection({ instanceUrl: sf.instanceUrl, accessToken: sf.accessToken, version: '62.0' });

    const start = countedFor(sf.orgId);
    expect(await get(direct, '/sobjects/Account/describe')).toMatchObject({ errorCode: 'SERVER_UNAVAILABLE' });
    const directCost = countedFor(sf.orgId) - start;
    expect(await get(clientFor(stack.api, orgId), '/sobjects/Account/describe')).toMatchObject({ errorCode: 'SERVER_UNAVAILABLE' });
    const counts = await settledCounts(stack.api, stack.sandbox, orgId, sf.orgId);
    const throughCost = counts.sandbox - start - directCost;

    expect(directCost).toBe(6);
    expect(throughCost).toBeLessThanOrEqual(directCost);
    // The direct calls are not ours: everything else the sandbox counted is in our `used`.
    expect(counts.used).toBe(counts.sandbox - directCost);
  });

  it('timeouts: a hanging GET is abandoned after SALESFORCE_TIMEOUT_MS, each attempt counted once on both sides', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    stack.sandbox.control.addFault(sf.orgId, { kind: 'hang', ms: TIMEOUT_MS * 3, method: 'GET', pathContains: '/limits', count: 2 });
    const client = clientFor(stack.api, orgId);

    const outcome = await get(client, '/limits');
    const counts = await settledCounts(stack.api, stack.sandbox, orgId, sf.orgId);

    // Two hangs (two of the client's attempts), then the third attempt answers.
    expect(outcome).toHaveProperty('DailyApiRequests');
    expect(sandboxDataCalls(stack.sandbox, sf.orgId).statuses.slice(-3)).toEqual([0, 0, 200]);
    expect(counts.used).toBe(counts.sandbox);
  });

  it('expired sessions: the 401s Salesforce refuses before counting are given back', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    const client = clientFor(stack.api, orgId);
    stack.sandbox.control.addFault(sf.orgId, { kind: 'invalid-session', count: 3 });

    const first = await get(client, '/limits');
    const second = await get(client, '/limits');
    const counts = await settledCounts(stack.api, stack.sandbox, orgId, sf.orgId);

    expect(first).toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
    expect(second).toHaveProperty('DailyApiRequests');
    expect(sandboxDataCalls(stack.sandbox, sf.orgId).statuses.slice(-4)).toEqual([401, 401, 401, 200]);
    expect(counts.used).toBe(counts.sandbox);
  });

  it('a concurrency cap: the 403 ConcurrentRequests refusals are given back', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    stack.sandbox.control.updateOrg(sf.orgId, { latencyMs: 150 });
    stack.sandbox.control.addFault(sf.orgId, { kind: 'concurrency', maxInFlight: 2 });
    const client = clientFor(stack.api, orgId);

    const outcomes = await Promise.all(Array.from({ length: 8 }, () => get(client, '/limits')));
    const counts = await settledCounts(stack.api, stack.sandbox, orgId, sf.orgId);

    const refused = sandboxDataCalls(stack.sandbox, sf.orgId).statuses.filter((s) => s === 403).length;
    expect(refused).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o instanceof Error).length).toBe(refused);
    expect(counts.used).toBe(counts.sandbox);
  });

  it('an org other integrations fill: the daily-limit refusals are given back', async () => {
    // 30 of 40 used when we connect; then others fill the window behind our back (one call a second for 20 s).
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox, { spec: { dailyLimit: 40, usageAtStart: 30, otherIntegrationsPerHour: 3_600 }, reservePercent: 0 });
    const client = clientFor(stack.api, orgId);
    stack.sandbox.control.advanceClock(20_000);

    const outcomes: unknown[] = [];
    for (let i = 0; i < 20; i++) outcomes.push(await client.request({ method: 'GET', url: '/services/data/v62.0/limits' }, { retry: { maxRetries: 0 } }).catch((e: unknown) => e));
    const counts = await settledCounts(stack.api, stack.sandbox, orgId, sf.orgId);

    expect(sandboxDataCalls(stack.sandbox, sf.orgId).statuses).toContain(403);
    expect(outcomes.some((o) => o instanceof Error)).toBe(true);
    expect(counts.used).toBe(counts.sandbox);
  });
});
