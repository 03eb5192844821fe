/**
 * The other-integrations item through the API, against sandbox orgs where other integrations
 * already use calls: attention when they use more than half of the org's usage, or when the org has
 * less than 10% headroom under its cap, whoever uses it. It never claims savings.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, checklistOrg, item, push, startWorld, type SyncWorld } from './support.ts';

let world: SyncWorld;

beforeAll(async () => {
  world = await startWorld(inject('redisUrl'));
});
afterAll(() => world.close());

describe('other-integrations item', () => {
  it("shows other integrations' share of the org usage Salesforce reports", async () => {
    // Connecting the org verifies its credentials with one call: Salesforce reports the usage from then on.
    const org = await checklistOrg(world, { usageAtStart: 6000, otherIntegrationsPerHour: 600 });
    await push(world, org, 'leads', { operation: 'create', records: [{ lastName: 'One', company: 'O' }] });
    const sandboxUsed = world.sandbox.control.usage(org.sf.orgId).used;
    const usage = (await call(world, 'GET', `/v1/orgs/${org.orgId}/usage`)).body;
    const others = await item(world, org, 'other-integrations');
    expect(others.status).toBe('attention');
    expect(others.figure.value).toBe(Math.round((usage.org.othersUsed / usage.org.used) * 1000) / 10);
    expect(others.figure.value).toBeGreaterThan(99);
    expect(others.estimatedDailySavings).toBe(0);
    expect(others.action).toMatch(/^Check with your Salesforce administrator/);
    // Salesforce's own count, as the sandbox keeps it: the org usage the item is built on.
    expect(Math.abs((others.details?.['orgUsed'] as number) - sandboxUsed)).toBeLessThanOrEqual(2);
    expect(others.details).toMatchObject({ ourUsed: 2, othersUsed: usage.org.othersUsed });
  });

  it('needs attention when headroom under the cap drops below 10%, even when most calls are ours', async () => {
    const org = await checklistOrg(world, { dailyLimit: 200, usageAtStart: 80 }, { reservePercent: 0 });
    for (let i = 0; i < 89; i++) await push(world, org, 'leads', { operation: 'create', records: [{ lastName: `H${i}`, company: 'H' }] });
    // 80 + 1 (verifying the credentials) + 89 = 170 of 200: others 47%, headroom 15%.
    expect(await item(world, org, 'other-integrations')).toMatchObject({ status: 'ok', figure: { value: 47.1 }, details: { orgUsed: 170, headroom: 30, headroomPercent: 15 } });
    for (let i = 0; i < 15; i++) await push(world, org, 'leads', { operation: 'create', records: [{ lastName: `J${i}`, company: 'J' }] });
    // 185 of 200: others 43%, headroom 7.5%.
    expect(await item(world, org, 'other-integrations')).toMatchObject({ status: 'attention', figure: { value: 43.2 }, estimatedDailySavings: 0, details: { orgUsed: 185, headroom: 15, headroomPercent: 7.5 } });
  });
});
