/**
 * Issue 8: pushes and pulls through the API while the sandbox org misbehaves. In each episode the
 * calls the sandbox counted equal our `used` exactly; a push whose request got no answer reports
 * `outcome: "unknown"` per record, not a failure.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../support/sandbox.ts';
import { connectedOrg } from '../support/api.ts';
import { useStack } from '../support/stack.ts';
import { settledCounts } from '../support/counted-calls.ts';
import { sandboxDataCalls } from '../passthrough/support.ts';

const TIMEOUT_MS = 400;

describe('sync under faults: counts equal the org ground truth', () => {
  // A manual clock: other integrations' traffic advances only when the test moves it.
  const stack = useStack({ sandbox: { clock: new ManualClock(Date.now()) }, api: { env: { SALESFORCE_TIMEOUT_MS: String(TIMEOUT_MS) } } });

  async function send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${stack.api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${stack.api.adminKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: await response.json() };
  }
  const pushLeads = (orgId: string, n = 2) => send('POST', `/v1/orgs/${orgId}/sync/leads`, { operation: 'create', records: Array.from({ length: n }, (_, i) => ({ lastName: `Fault ${i}`, company: 'Faults' })) });
  const pullLeads = (orgId: string) => send('GET', `/v1/orgs/${orgId}/sync/leads?since=2020-01-01T00:00:00Z`);
  const statuses = (sfOrgId: string): number[] => sandboxDataCalls(stack.sandbox, sfOrgId).statuses;

  it('persistent 503: a push is not resent (POST, counted), a pull is retried twice (GET)', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    stack.sandbox.control.addFault(sf.orgId, { kind: 'error', status: 503, probability: 1 });

    const pushed = await pushLeads(orgId);
    const pulled = await pullLeads(orgId);
    const counts = await settledCounts(stack.api, stack.sandbox, orgId, sf.orgId);

    expect(pushed.body.results).toMatchObject([{ success: false, outcome: 'failed', errors: [{ code: 'SERVER_UNAVAILABLE' }] }, { outcome: 'failed' }]);
    expect(pulled.status).toBe(502);
    expect(statuses(sf.orgId).slice(1)).toEqual([503, 503, 503, 503]);
    expect(counts.used).toBe(counts.sandbox);
  });

  it('timeouts: a push that got no answer is outcome "unknown" with the upsert hint; a pull is retried', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    stack.sandbox.control.addFault(sf.orgId, { kind: 'hang', ms: TIMEOUT_MS * 3, count: 2 });

    const pushed = await pushLeads(orgId);
    const pulled = await pullLeads(orgId);
    const counts = await settledCounts(stack.api, stack.sandbox, orgId, sf.orgId);

    expect(pushed.status).toBe(200);
    expect(pushed.body.calls).toBe(1);
    for (const result of pushed.body.results) {
      expect(result).toMatchObject({ outcome: 'unknown', errors: [{ code: 'OUTCOME_UNKNOWN' }] });
      expect(result.hint).toMatch(/upsert by an External ID/);
    }
    expect(pulled.status).toBe(200);
    expect(statuses(sf.orgId).slice(1)).toEqual([0, 0, 200]);
    expect(counts.used).toBe(counts.sandbox);
  });

  it('expired sessions: the 401 before the refresh is given back, the replay counts', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    stack.sandbox.control.addFault(sf.orgId, { kind: 'invalid-session', count: 1 });

    const pushed = await pushLeads(orgId);
    stack.sandbox.control.addFault(sf.orgId, { kind: 'invalid-session', count: 1 });
    const pulled = await pullLeads(orgId);
    const counts = await settledCounts(stack.api, stack.sandbox, orgId, sf.orgId);

    expect(pushed.body.results).toMatchObject([{ outcome: 'created' }, { outcome: 'created' }]);
    expect(pulled.status).toBe(200);
    expect(statuses(sf.orgId).slice(1)).toEqual([401, 200, 401, 200]);
    expect(counts.used).toBe(counts.sandbox);
  });

  it('a concurrency cap: refusals are given back and retried (uncounted), at most twice', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    stack.sandbox.control.updateOrg(sf.orgId, { latencyMs: 150 });
    stack.sandbox.control.addFault(sf.orgId, { kind: 'concurrency', maxInFlight: 1 });

    const answers = await Promise.all([pushLeads(orgId), pushLeads(orgId), pushLeads(orgId), pullLeads(orgId)]);
    const counts = await settledCounts(stack.api, stack.sandbox, orgId, sf.orgId);

    expect(statuses(sf.orgId)).toContain(403);
    expect(answers.map((a) => a.status).every((s) => s === 200 || s === 502)).toBe(true);
    expect(counts.used).toBe(counts.sandbox);
  });

  it('an org other integrations fill: the daily-limit refusal is given back', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox, { spec: { dailyLimit: 40, usageAtStart: 30, otherIntegrationsPerHour: 3_600 }, reservePercent: 0 });
    stack.sandbox.control.advanceClock(20_000);

    const pushed = await pushLeads(orgId);
    const pulled = await pullLeads(orgId);
    const counts = await settledCounts(stack.api, stack.sandbox, orgId, sf.orgId);

    expect(pushed.body.results[0]).toMatchObject({ outcome: 'failed', errors: [{ code: 'REQUEST_LIMIT_EXCEEDED' }] });
    expect(pushed.body.calls).toBe(0);
    expect([429, 502]).toContain(pulled.status);
    expect(statuses(sf.orgId).slice(1)[0]).toBe(403);
    expect(counts.used).toBe(counts.sandbox);
  });
});
