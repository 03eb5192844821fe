/**
 * The custom-fields item through the API: custom fields are counted from the mappings' names (the
 * custom-fields and lead-score relationships, and `__c` targets elsewhere), and their share of calls
 * is measured against the sandbox's own count of the calls we made.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FieldMapping } from '../../src/sync/default-mappings.ts';
import { call, callsDuring, checklistOrg, counted, item, push, startWorld, type SyncWorld, type TestOrg } from './support.ts';

let world: SyncWorld;
let org: TestOrg;

beforeAll(async () => {
  world = await startWorld(inject('redisUrl'));
  org = await checklistOrg(world);
});
afterAll(() => world.close());

const pct = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;

describe('custom-fields item', () => {
  let customCalls = 0;
  let customSyncCalls = 0;

  it('counts the lead-score mapping from the start; the only call so far (verifying credentials) is not theirs', async () => {
    expect(await item(world, org, 'custom-fields')).toMatchObject({
      status: 'ok',
      figure: { value: 1, unit: 'fields' },
      estimatedDailySavings: 0,
      details: { sharePercent: 0, customCalls: 0, totalCalls: counted(world, org.sf) },
    });
  });

  it('needs attention when custom fields take more than 25% of the calls; savings are their sync calls', async () => {
    const [leadId] = world.sandbox.control.seed(org.sf.orgId, 'Lead', [{ LastName: 'Custom', Company: 'C' }]).ids;
    const mapped = await callsDuring(world, org.sf, () =>
      call(world, 'PUT', `/v1/orgs/${org.orgId}/mappings/custom-fields`, { mappings: [{ crmField: 'favoriteColor', salesforceField: 'Favorite_Color__c', conflict: 'recent' }] }),
    );
    expect(mapped.result.status).toBe(200);
    const scored = await callsDuring(world, org.sf, () => push(world, org, 'lead-score', { operation: 'update', records: [{ id: leadId, sobject: 'Lead', score: 90 }] }));
    const colored = await callsDuring(world, org.sf, () => push(world, org, 'custom-fields', { operation: 'update', records: [{ id: leadId, sobject: 'Lead', favoriteColor: 'teal' }] }));
    customSyncCalls = scored.calls + colored.calls;
    customCalls = mapped.calls + customSyncCalls;
    for (let i = 0; i < 3; i++) await push(world, org, 'leads', { operation: 'create', records: [{ lastName: `L${i}`, company: 'C' }] });
    const total = counted(world, org.sf);
    expect(customSyncCalls).toBe(2);
    const custom = await item(world, org, 'custom-fields');
    expect(custom).toMatchObject({
      status: 'attention',
      figure: { value: 2 },
      estimatedDailySavings: customSyncCalls,
      details: { sharePercent: pct(customCalls, total), customCalls, totalCalls: total, syncCalls: customSyncCalls },
    });
    expect(pct(customCalls, total)).toBeGreaterThan(25);
  });

  it('is ok once their share is 25% or less, and counts a __c target mapped in another relationship', async () => {
    let total = counted(world, org.sf);
    while (customCalls * 100 > total * 25) {
      await push(world, org, 'leads', { operation: 'create', records: [{ lastName: 'Filler', company: 'F' }] });
      total = counted(world, org.sf);
    }
    const ok = await item(world, org, 'custom-fields');
    expect(ok).toMatchObject({ status: 'ok', estimatedDailySavings: 0, details: { sharePercent: pct(customCalls, total), totalCalls: total } });

    const page = await call(world, 'GET', `/v1/orgs/${org.orgId}/mappings/contacts`);
    const mappings = [...(page.body.mappings as FieldMapping[]), { crmField: 'favoriteColor', salesforceField: 'Favorite_Color__c', conflict: 'recent' }];
    expect((await call(world, 'PUT', `/v1/orgs/${org.orgId}/mappings/contacts`, { mappings })).status).toBe(200);
    const withContacts = await item(world, org, 'custom-fields');
    expect(withContacts.figure.value).toBe(3);
    expect(withContacts.details?.['fields']).toContainEqual({ relationship: 'contacts', crmField: 'favoriteColor', salesforceField: 'Favorite_Color__c' });
  });
});
