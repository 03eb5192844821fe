/**
 * Other integrations fill the org until Salesforce answers REQUEST_LIMIT_EXCEEDED. The sync pauses
 * without hammering Salesforce (one probe a minute), and resumes by itself once the org's window frees,
 * with nobody touching the settings. The limiter runs on the sandbox's clock, advanced by the test.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../support/sandbox.ts';
import { connectedOrg, limiterTotal } from '../support/api.ts';
import { useStack } from '../support/stack.ts';

describe('after REQUEST_LIMIT_EXCEEDED', () => {
  const clock = new ManualClock();
  const stack = useStack({ sandbox: { clock }, api: { services: { limiterTiming: { pinnedNow: () => clock.now() } } } });

  const push = async (orgId: string, name: string): Promise<{ status: number; body: Record<string, unknown>; retryAfter: string | null }> => {
    const response = await fetch(`${stack.api.url}/v1/orgs/${orgId}/sync/leads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.api.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'create', records: [{ lastName: name, company: 'Resume' }] }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, retryAfter: response.headers.get('retry-after') };
  };

  it('pauses with one probe a minute and resumes by itself when the window frees', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox, { spec: { dailyLimit: 60 }, dailyLimit: 15_000, reservePercent: 0, thresholds: { interactive: 1, sync: 1, bulk: 1 }, deferWhenLimited: false });
    expect((await push(orgId, 'before')).status).toBe(200);
    // Other integrations take every call the org has left; our last figure (2 of 60) is now wrong.
    stack.sandbox.control.updateOrg(sf.orgId, { otherIntegrationsPerHour: 3_600 });
    clock.advance(5 * 60_000);
    stack.sandbox.control.updateOrg(sf.orgId, { otherIntegrationsPerHour: 0 });
    expect(stack.sandbox.control.usage(sf.orgId).used).toBe(60);

    // Salesforce refuses the request: nothing was written, and the answer says why
    const refusedBySalesforce = await push(orgId, 'refused');
    expect(JSON.stringify(refusedBySalesforce.body)).toContain('REQUEST_LIMIT_EXCEEDED');
    const sentBefore = stack.sandbox.control.groundTruth(sf.orgId).calls.length;
    // Ten minutes of a sync retrying every 10 s: we refuse it ourselves, except one probe a minute.
    const codes = new Set<unknown>();
    let probed = 0;
    for (let i = 0; i < 60; i++) {
      clock.advance(10_000);
      const attempt = await push(orgId, `retry ${i}`);
      if (attempt.status === 429) {
        codes.add(attempt.body.code);
        expect(Number(attempt.retryAfter)).toBeLessThanOrEqual(60);
      } else {
        // the probe: sent, and Salesforce still refuses
        expect(JSON.stringify(attempt.body)).toContain('REQUEST_LIMIT_EXCEEDED');
        probed++;
      }
    }
    expect([...codes]).toEqual(['ORG_LIMIT_REACHED']);
    expect(probed).toBeGreaterThanOrEqual(9);
    expect(probed).toBeLessThanOrEqual(10);
    const probes = stack.sandbox.control
      .groundTruth(sf.orgId)
      .calls.slice(sentBefore)
      .filter((c) => c.path.startsWith('/services/data/'));
    expect(probes).toHaveLength(probed);
    expect(probes.every((c) => c.status === 403 && !c.counted)).toBe(true);

    // A day later the other integrations' calls have left Salesforce's window: the next probe finds room.
    clock.advance(24 * 60 * 60_000);
    let resumedAfter = 0;
    let status = 0;
    let body = '';
    while (!(status === 200 && !body.includes('REQUEST_LIMIT_EXCEEDED')) && resumedAfter < 8) {
      const attempt = await push(orgId, `resume ${resumedAfter}`);
      status = attempt.status;
      body = JSON.stringify(attempt.body);
      resumedAfter++;
      clock.advance(10_000);
    }
    expect(status).toBe(200);
    expect(resumedAfter).toBeLessThanOrEqual(7); // within a probe interval of the window freeing
    for (let i = 0; i < 5; i++) expect((await push(orgId, `after ${i}`)).body.results).toMatchObject([{ success: true }]);
    // Our count is Salesforce's: refused probes were given back.
    const truth = stack.sandbox.control.usage(sf.orgId);
    expect(await limiterTotal(stack.api, orgId)).toBe(truth.own);
  }, 60_000);
});
