/**
 * GET /checklist as a whole: five items in the seed's order with the documented shape, a total that
 * is the sum of the items, no Salesforce call to build it (the sandbox's ground truth does not move),
 * and an answer for an org that is not connected to Salesforce at all.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, callsDuring, checklist, checklistOrg, errors, errorsRaw, push, startWorld, type SyncWorld } from './support.ts';

let world: SyncWorld;

beforeAll(async () => {
  world = await startWorld(inject('redisUrl'));
});
afterAll(() => world.close());

describe('GET /checklist', () => {
  it('has the five items in order, each with the documented shape, and their sum as the total', async () => {
    const org = await checklistOrg(world, { usageAtStart: 9000 });
    await push(world, org, 'leads', { operation: 'create', records: [{ lastName: 'A', company: 'A' }, { company: 'no name' }] });
    const before = Date.now();
    const list = await checklist(world, org);
    expect(list.items.map((i) => i.id)).toEqual(['error-log', 'unused-fields', 'phone-conflict-rule', 'custom-fields', 'other-integrations']);
    for (const i of list.items) {
      expect(i).toEqual({
        id: expect.any(String),
        title: expect.any(String),
        status: expect.stringMatching(/^(ok|attention)$/),
        figure: { label: expect.any(String), value: expect.any(Number), unit: expect.stringMatching(/^(errors|fields|calls|percent)$/) },
        estimatedDailySavings: expect.any(Number),
        action: expect.any(String),
        details: expect.any(Object),
      });
      expect(Number.isInteger(i.estimatedDailySavings) && i.estimatedDailySavings >= 0).toBe(true);
    }
    expect(list.items.map((i) => i.status)).toEqual(['attention', 'ok', 'ok', 'ok', 'attention']);
    expect(list.estimatedDailySavings).toBe(list.items.reduce((sum, i) => sum + i.estimatedDailySavings, 0));
    expect(list.estimatedDailySavings).toBeGreaterThan(0);
    expect(Math.abs(Date.parse(list.asOf) - before)).toBeLessThan(5000);
  });

  it('costs no Salesforce call, and neither does the error log or its export', async () => {
    const org = await checklistOrg(world);
    await push(world, org, 'leads', { operation: 'create', records: [{ company: 'no name' }] });
    const { calls } = await callsDuring(world, org.sf, async () => {
      await checklist(world, org);
      await errors(world, org);
      await errorsRaw(world, org, 'format=csv');
    });
    expect(calls).toBe(0);
    // Verifying the credentials and the push: the only calls this org ever made.
    expect(world.sandbox.control.groundTruth(org.sf.orgId).counted).toBe(2);
  });

  it('answers for an org with no Salesforce credentials: nothing recorded, nothing to do', async () => {
    const orgId = `bare-${Date.now().toString(36)}`;
    expect((await call(world, 'POST', '/v1/orgs', { id: orgId, name: 'Bare', plan: 'advanced' })).status).toBe(201);
    const answer = await call(world, 'GET', `/v1/orgs/${orgId}/checklist`);
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((i: { status: string }) => i.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    // Salesforce has never reported this org's usage: no share of other integrations to show.
    expect(answer.body.items[4]).toMatchObject({ figure: { value: 0, unit: 'percent' }, details: { observed: false } });
    expect(answer.body.estimatedDailySavings).toBe(0);
  });
});
