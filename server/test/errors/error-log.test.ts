/**
 * The error log holds what Salesforce refused: failed calls, and records refused inside a call that
 * Salesforce answered with 200, each with its code, message, fields, Id and share of the call. Our
 * own validation failures never reach Salesforce and never reach the log. GET /errors filters and
 * validates its query.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, callsDuring, checklistOrg, errors, push, startWorld, type SyncWorld, type TestOrg } from '../checklist/support.ts';

let world: SyncWorld;

beforeAll(async () => {
  world = await startWorld(inject('redisUrl'));
});
afterAll(() => world.close());

describe('records refused inside a successful collection call', () => {
  let org: TestOrg;
  let pushedAt: number;
  beforeAll(async () => {
    org = await checklistOrg(world);
    pushedAt = Date.now();
    // One call of three records: the second lacks LastName, which Salesforce requires.
    const body = await push(world, org, 'leads', {
      operation: 'create',
      records: [
        { lastName: 'Fine', company: 'A' },
        { firstName: 'Nameless', company: 'B' },
        { lastName: 'Also fine', company: 'C' },
      ],
    });
    expect(body.calls).toBe(1);
    expect(body.results.map((r: { success: boolean }) => r.success)).toEqual([true, false, true]);
  });

  it('are logged one entry each, with Salesforce statusCode, message, fields and the call share', async () => {
    const answer = await errors(world, org);
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(1);
    expect(answer.body.byCode).toEqual([{ code: 'REQUIRED_FIELD_MISSING', count: 1 }]);
    const [entry] = answer.body.errors;
    expect(entry).toEqual({
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      relationship: 'leads',
      direction: 'push',
      method: 'POST',
      path: '/composite/sobjects',
      status: 200,
      errorCode: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [LastName]',
      fields: ['LastName'],
      object: 'Lead',
      perRecord: true,
      calls: 0.3333,
      acknowledged: false,
    });
    expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(pushedAt);
  });

  it('an update that fails carries the record Id', async () => {
    const [id] = world.sandbox.control.seed(org.sf.orgId, 'Lead', [{ LastName: 'Keep', Company: 'K' }]).ids;
    await push(world, org, 'leads', { operation: 'update', records: [{ id, lastName: '' }] });
    const answer = await errors(world, org, 'code=REQUIRED_FIELD_MISSING&limit=1');
    expect(answer.body.errors[0]).toMatchObject({ method: 'PATCH', recordId: id, calls: 1, perRecord: true });
    expect(answer.body.total).toBe(2);
  });
});

describe('what is not a Salesforce error', () => {
  it('our own validation failures (never sent) and allOrNone roll-backs are not logged', async () => {
    const org = await checklistOrg(world);
    const { result, calls } = await callsDuring(world, org.sf, () =>
      call(world, 'POST', `/v1/orgs/${org.orgId}/sync/leads`, {
        operation: 'create',
        records: [
          { lastName: 'X', company: 'X', shoeSize: 44 },
          { lastName: 'Y', company: 'Y', sobject: 'Contact' },
        ],
      }),
    );
    expect(result.body.results.map((r: { errors: { code: string }[] }) => r.errors[0]?.code)).toEqual(['UNKNOWN_FIELD', 'INVALID_SOBJECT']);
    expect(calls).toBe(0);
    const rolled = await push(world, org, 'leads', { operation: 'create', allOrNone: true, records: [{ lastName: 'Good', company: 'G' }, { company: 'No name' }] });
    expect(rolled.results.map((r: { errors: { code: string }[] }) => r.errors[0]?.code)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'REQUIRED_FIELD_MISSING']);
    const answer = await errors(world, org);
    expect(answer.body.byCode).toEqual([{ code: 'REQUIRED_FIELD_MISSING', count: 1 }]);
  });
});

describe('failed calls', () => {
  it('a call Salesforce refuses whole is one entry worth one call', async () => {
    const org = await checklistOrg(world);
    world.sandbox.control.addFault(org.sf.orgId, { kind: 'error', status: 500, errorCode: 'UNKNOWN_EXCEPTION', message: 'boom', method: 'POST', pathContains: '/composite/sobjects', count: 1 });
    const body = await push(world, org, 'leads', {
      operation: 'create',
      records: [
        { lastName: 'A', company: 'A' },
        { lastName: 'B', company: 'B' },
      ],
    });
    expect(body.results.every((r: { success: boolean }) => !r.success)).toBe(true);
    // The org gate records failed calls in the background.
    await expect.poll(async () => (await errors(world, org)).body.total).toBe(1);
    expect((await errors(world, org)).body.errors[0]).toMatchObject({ errorCode: 'UNKNOWN_EXCEPTION', status: 500, relationship: 'leads', direction: 'push', calls: 1 });
    expect((await errors(world, org)).body.errors[0].perRecord).toBeUndefined();
  });
});

describe('GET /errors query', () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await checklistOrg(world);
    await push(world, org, 'leads', { operation: 'create', records: [{ company: 'no name 1' }, { company: 'no name 2' }, { lastName: 'bad mail', company: 'M', email: 'not-an-email' }] });
    await push(world, org, 'contacts', { operation: 'create', records: [{ firstName: 'no last name' }] });
  });

  it('filters by code, relationship and since, and limits; total and byCode describe every match', async () => {
    const all = await errors(world, org);
    expect(all.body.total).toBe(4);
    expect(all.body.byCode).toEqual([
      { code: 'REQUIRED_FIELD_MISSING', count: 3 },
      { code: 'INVALID_EMAIL_ADDRESS', count: 1 },
    ]);
    expect(all.body.errors[0].relationship).toBe('contacts'); // newest first
    const leadsOnly = await errors(world, org, 'relationship=leads&code=REQUIRED_FIELD_MISSING');
    expect(leadsOnly.body.total).toBe(2);
    expect(leadsOnly.body.errors.every((e: { relationship: string; errorCode: string }) => e.relationship === 'leads' && e.errorCode === 'REQUIRED_FIELD_MISSING')).toBe(true);
    const limited = await errors(world, org, 'limit=1');
    expect(limited.body.errors).toHaveLength(1);
    expect(limited.body.total).toBe(4);
    expect((await errors(world, org, `since=${new Date(Date.now() + 60_000).toISOString()}`)).body.total).toBe(0);
    expect((await errors(world, org, 'since=2000-01-01T00:00:00Z')).body.total).toBe(4);
  });

  it.each([
    ['code=required_field_missing', 'query/code'],
    ['code=' + 'A'.repeat(65), 'query/code'],
    ['relationship=widgets', 'query/relationship'],
    ['since=yesterday', 'query/since'],
    ['since=2026-02-30T00:00:00Z', 'query/since'],
    ['limit=0', 'query/limit'],
    ['limit=1001', 'query/limit'],
    ['limit=-1', 'query/limit'],
    ['limit=ten', 'query/limit'],
    ['format=xml', 'query/format'],
    ['colour=red', 'query'],
    ['code=A&code=B', 'query/code'],
  ])('junk %s is a 400 problem naming %s', async (query, location) => {
    const answer = await errors(world, org, query);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body.code).toBe('VALIDATION_FAILED');
    expect(answer.body.errors[0].location).toBe(location);
  });
});
