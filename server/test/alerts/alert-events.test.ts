/**
 * Each alert, raised by real calls through the sandbox org: the shares of the budget (bulk, sync,
 * everything) as the limiter really applies them, the work resuming after refusals, Salesforce
 * refusing a call our figures let through, and credentials Salesforce no longer accepts. In-app
 * notifications carry read state.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../support/sandbox.ts';
import { connectedOrg } from '../support/api.ts';
import { useStack } from '../support/stack.ts';
import { call, notifications, push, pushUntil } from './client.ts';

const HOUR = 3_600_000;

describe('alert events', () => {
  const clock = new ManualClock();
  const stack = useStack({ sandbox: { clock }, api: { services: { limiterTiming: { pinnedNow: () => clock.now() } } } });

  it('names the shares the limiter applies, once each, and says when the sync resumes', async () => {
    // Budget 20: bulk stops at 16 (80 %), sync at 19 (95 %), interactive at 20.
    const { orgId } = await connectedOrg(stack.api, stack.sandbox, { dailyLimit: 20, deferWhenLimited: false });
    expect(await pushUntil(stack.api, orgId, 19)).toBe(19);
    // The sync is refused from here on, many times, yet each type is recorded once.
    expect(await push(stack.api, orgId, 5)).toEqual(Array(5).fill(429));
    const kinds = (await notifications(stack.api, orgId)).map((n) => `${n.kind}:${n.code}`);
    expect(kinds.sort()).toEqual(['bulk-paused:BULK_SHARE_REACHED', 'sync-paused:SYNC_SHARE_REACHED', 'threshold-crossed:BUDGET_80_PERCENT']);

    // Interactive calls still pass, and the last one uses the budget up.
    const interactive = await fetch(`${stack.api.url}/v1/orgs/${orgId}/salesforce/services/data/v62.0/limits`, { headers: { authorization: `Bearer ${stack.api.adminKey}`, 'x-callbudget-priority': 'interactive' } });
    expect(interactive.status).toBe(200);
    const exhausted = (await notifications(stack.api, orgId)).find((n) => n.kind === 'budget-exhausted');
    expect(exhausted).toMatchObject({ code: 'BUDGET_EXHAUSTED', read: false, details: { used: 20, budget: 20 } });

    // A day later the window is empty: the first sync call admitted says the sync resumed, once.
    clock.advance(24 * HOUR + 120_000);
    expect(await push(stack.api, orgId, 2)).toEqual([200, 200]);
    const resumed = (await notifications(stack.api, orgId)).filter((n) => n.kind === 'sync-resumed');
    expect(resumed).toHaveLength(1);
    expect(resumed[0]).toMatchObject({ code: 'SYNC_RESUMED', details: { priority: 'sync' } });
  }, 60_000);

  it('marks a notification read, and refuses unknown or malformed ids', async () => {
    const { orgId } = await connectedOrg(stack.api, stack.sandbox, { dailyLimit: 10, deferWhenLimited: false });
    await pushUntil(stack.api, orgId, 8);
    const [first, second] = await notifications(stack.api, orgId);
    expect(first?.read).toBe(false);
    expect((await call(stack.api, 'POST', `/v1/orgs/${orgId}/notifications/${first!.id}/read`)).status).toBe(204);
    // Idempotent.
    expect((await call(stack.api, 'POST', `/v1/orgs/${orgId}/notifications/${first!.id}/read`)).status).toBe(204);
    const after = await notifications(stack.api, orgId);
    expect(after.find((n) => n.id === first!.id)?.read).toBe(true);
    expect(after.find((n) => n.id === second!.id)?.read).toBe(false);
    expect((await call(stack.api, 'POST', `/v1/orgs/${orgId}/notifications/00000000-0000-4000-8000-000000000000/read`)).body.code).toBe('NOT_FOUND');
    expect((await call(stack.api, 'POST', `/v1/orgs/${orgId}/notifications/not-an-id/read`)).status).toBe(400);
  }, 60_000);

  it('says so when Salesforce refuses a call our figures let through (another integration ate the org)', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox, { spec: { dailyLimit: 60 }, dailyLimit: 15_000, reservePercent: 0, thresholds: { interactive: 1, sync: 1, bulk: 1 }, deferWhenLimited: false });
    expect(await push(stack.api, orgId, 1)).toEqual([200]);
    stack.sandbox.control.updateOrg(sf.orgId, { otherIntegrationsPerHour: 3_600 });
    clock.advance(5 * 60_000);
    stack.sandbox.control.updateOrg(sf.orgId, { otherIntegrationsPerHour: 0 });
    // Salesforce refuses the push (its records report REQUEST_LIMIT_EXCEEDED); then we refuse ourselves.
    await push(stack.api, orgId, 3);
    expect(stack.sandbox.control.groundTruth(sf.orgId).calls.some((c) => c.status === 403)).toBe(true);
    const refused = (await notifications(stack.api, orgId)).filter((n) => n.kind === 'org-limit-refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]?.code).toBe('ORG_LIMIT_REACHED');
  }, 60_000);

  it('says so when Salesforce refuses the stored credentials', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    expect(await push(stack.api, orgId, 1)).toEqual([200]);
    // The org is gone from Salesforce's side: the session and the login both fail.
    stack.sandbox.control.deleteOrg(sf.orgId);
    const response = await fetch(`${stack.api.url}/v1/orgs/${orgId}/sync/leads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.api.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'create', records: [{ lastName: 'Gone', company: 'Acme' }] }),
    });
    const answer = (await response.json()) as { results: { success: boolean }[] };
    expect(answer.results[0]?.success).toBe(false);
    const failing = (await notifications(stack.api, orgId)).filter((n) => n.kind === 'credentials-failing');
    expect(failing).toHaveLength(1);
    expect(failing[0]?.code).toBe('CREDENTIALS_REFUSED');
  }, 60_000);

  it('takes alert settings on the org, and refuses bad ones with a 400', async () => {
    const { orgId } = await connectedOrg(stack.api, stack.sandbox);
    const changed = await call(stack.api, 'PATCH', `/v1/orgs/${orgId}`, { alerts: { warnAtPercent: [50, 90], quietMinutes: { 'sync-paused': 15 } } });
    expect(changed.status).toBe(200);
    expect(changed.body.alerts).toMatchObject({ warnAtPercent: [50, 90], quietMinutes: { 'sync-paused': 15, 'threshold-crossed': 60 } });
    for (const bad of [{ warnAtPercent: [0] }, { warnAtPercent: [80, 80] }, { quietMinutes: { 'no-such-type': 5 } }, { quietMinutes: { 'sync-paused': -1 } }, { other: true }]) {
      const refused = await call(stack.api, 'PATCH', `/v1/orgs/${orgId}`, { alerts: bad });
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
    }
  }, 60_000);
});
