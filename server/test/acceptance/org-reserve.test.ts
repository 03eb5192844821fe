/**
 * Other integrations use the org too: we stop at the org limit minus the reserve, long before our own
 * budget, and the usage figures show both.
 */
import { describe, expect, it } from 'vitest';
import { connectedOrg } from '../support/api.ts';
import { useStack } from '../support/stack.ts';

describe('org limit minus reserve', () => {
  const stack = useStack();

  // With sync allowed the whole cap, the stop is exactly the org limit minus the reserve.
  it('stops at 900 of 1,000 when other integrations already used 700, with a budget of 15,000', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox, {
      spec: { dailyLimit: 1_000, usageAtStart: 700 },
      dailyLimit: 15_000,
      reservePercent: 10,
      thresholds: { interactive: 1, sync: 1, bulk: 1 },
      // The refusal itself is under test (a deferred push is tested in server/test/jobs/).
      deferWhenLimited: false,
    });
    const headers = { authorization: `Bearer ${stack.api.adminKey}`, 'content-type': 'application/json' };
    let admitted = 0;
    let refusal: Record<string, unknown> | undefined;
    for (let i = 0; i < 260 && !refusal; i++) {
      const response = await fetch(`${stack.api.url}/v1/orgs/${orgId}/sync/leads`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ operation: 'create', records: [{ lastName: `Reserve ${i}`, company: 'Acme' }] }),
      });
      if (response.status === 200) admitted++;
      else if (response.status === 429) refusal = (await response.json()) as Record<string, unknown>;
      else throw new Error(`unexpected ${response.status}: ${await response.text()}`);
    }
    expect(refusal?.code).toBe('ORG_RESERVE_REACHED');
    // 700 others + 1 credential check + our syncs = 900 = 1,000 − 10 %.
    expect(admitted).toBe(199);
    expect(stack.sandbox.control.usage(sf.orgId).used).toBe(900);
    expect(stack.sandbox.control.groundTruth(sf.orgId).counted).toBe(200);

    const usage = (await (await fetch(`${stack.api.url}/v1/orgs/${orgId}/usage`, { headers })).json()) as {
      budget: number;
      used: number;
      state: string;
      org: { limit: number; used: number; cap: number; reserve: number; othersUsed: number };
    };
    expect(usage.budget).toBe(15_000);
    expect(usage.used).toBe(200);
    expect(usage.org).toMatchObject({ limit: 1_000, used: 900, cap: 900, reserve: 100, othersUsed: 700 });
    expect(usage.state).toBe('exhausted');
  }, 60_000);

  // With the default thresholds sync stops at 95 % of that cap, leaving room for the admin's pages.
  it('with default thresholds, sync stops at 95 % of the org cap and interactive calls still pass', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox, { spec: { dailyLimit: 1_000, usageAtStart: 700 }, dailyLimit: 15_000, reservePercent: 10, deferWhenLimited: false });
    const headers = { authorization: `Bearer ${stack.api.adminKey}`, 'content-type': 'application/json' };
    let status = 200;
    for (let i = 0; i < 260 && status === 200; i++) {
      status = (await fetch(`${stack.api.url}/v1/orgs/${orgId}/sync/leads`, { method: 'POST', headers, body: JSON.stringify({ operation: 'create', records: [{ lastName: `R${i}`, company: 'Acme' }] }) })).status;
    }
    expect(status).toBe(429);
    expect(stack.sandbox.control.usage(sf.orgId).used).toBe(Math.floor(0.95 * 900));
    const limits = await fetch(`${stack.api.url}/v1/orgs/${orgId}/salesforce/services/data/v62.0/limits`, { headers: { ...headers, 'x-callbudget-priority': 'interactive' } });
    expect(limits.status).toBe(200);
  }, 60_000);
});
