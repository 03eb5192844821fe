/**
 * The error-log item through the API: a lead without LastName turns it to attention with the right
 * count, code and calls; pushing a valid record does not make past errors go away; acknowledging
 * them does, and a new error brings the item back.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, checklistOrg, item, push, startWorld, type SyncWorld, type TestOrg } from './support.ts';

let world: SyncWorld;
let org: TestOrg;

beforeAll(async () => {
  world = await startWorld(inject('redisUrl'));
  org = await checklistOrg(world);
});
afterAll(() => world.close());

describe('error-log item', () => {
  it('is ok for an org without errors', async () => {
    expect(await item(world, org, 'error-log')).toMatchObject({ status: 'ok', figure: { value: 0, unit: 'errors' }, estimatedDailySavings: 0 });
  });

  it('turns to attention when Salesforce refuses a lead without LastName', async () => {
    await push(world, org, 'leads', {
      operation: 'create',
      records: [
        { lastName: 'Ok', company: 'A' },
        { firstName: 'No', company: 'B' },
      ],
    });
    const errorLog = await item(world, org, 'error-log');
    expect(errorLog).toMatchObject({
      status: 'attention',
      figure: { value: 1, unit: 'errors' },
      estimatedDailySavings: 1,
      details: { topCodes: [{ code: 'REQUIRED_FIELD_MISSING', count: 1 }], failedCalls: 0, failedRecords: 1, callsSpent: 1, acknowledgedBefore: null, truncated: false },
    });
    expect(errorLog.action).toMatch(/fix the cause/i);
  });

  it('three refused records of one call cost one call, not three', async () => {
    await push(world, org, 'leads', { operation: 'create', records: [{ company: 'x' }, { company: 'y' }, { company: 'z' }] });
    const errorLog = await item(world, org, 'error-log');
    // Four refused records: 1/2 of the first call + 3 × 1/3 of this one = 1.5 calls, rounded up to 2.
    expect(errorLog).toMatchObject({ figure: { value: 4 }, estimatedDailySavings: 2, details: { failedRecords: 4, callsSpent: 2 } });
  });

  it('fixing the record does not clear the item: the errors happened; acknowledging them does', async () => {
    await push(world, org, 'leads', { operation: 'create', records: [{ firstName: 'No', lastName: 'Longer nameless', company: 'B' }] });
    expect((await item(world, org, 'error-log')).figure.value).toBe(4);
    const acknowledged = await call(world, 'POST', `/v1/orgs/${org.orgId}/errors/acknowledge`, {});
    expect(acknowledged.status).toBe(200);
    const cleared = await item(world, org, 'error-log');
    expect(cleared).toMatchObject({ status: 'ok', figure: { value: 0 }, estimatedDailySavings: 0, details: { acknowledgedBefore: acknowledged.body.acknowledgedBefore } });
    // The log still holds them.
    expect((await call(world, 'GET', `/v1/orgs/${org.orgId}/errors`)).body.total).toBe(4);
  });

  it('a new error after the acknowledgement turns it back to attention', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await push(world, org, 'leads', { operation: 'create', records: [{ lastName: 'Bad mail', company: 'M', email: 'nope' }] });
    expect(await item(world, org, 'error-log')).toMatchObject({ status: 'attention', figure: { value: 1 }, details: { topCodes: [{ code: 'INVALID_EMAIL_ADDRESS', count: 1 }] } });
  });
});
