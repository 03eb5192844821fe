/** Pushes through the API land in the sandbox org: each push relationship, reduction, per-record errors. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OrgInfo } from '../support/sandbox.ts';
import { call, callsDuring, readAll, startWorld, testOrg, type SyncWorld } from './sync-world.ts';

let world: SyncWorld;
let orgId: string;
let sf: OrgInfo;

beforeAll(async () => {
  world = await startWorld(inject('redisUrl'));
  ({ orgId, sf } = await testOrg(world));
});
afterAll(() => world.close());

const push = (relationship: string, body: unknown) => callsDuring(world, sf, () => call(world, 'POST', `/v1/orgs/${orgId}/sync/${relationship}`, body));
const seed = (object: string, records: Record<string, unknown>[]) => world.sandbox.control.seed(sf.orgId, object, records).ids;

describe('each push relationship writes to Salesforce', () => {
  it('leads: create, update and upsert by Id', async () => {
    const created = await push('leads', { operation: 'create', records: [{ firstName: 'Ada', lastName: 'Lovelace', company: 'Engines', email: 'ada@engines.io' }] });
    expect(created.result.status).toBe(200);
    expect(created.calls).toBe(1);
    const id = created.result.body.results[0].id as string;
    expect(created.result.body).toMatchObject({ relationship: 'leads', operation: 'create', calls: 1, results: [{ index: 0, success: true, created: true, errors: [] }] });

    const updated = await push('leads', { operation: 'update', records: [{ id, title: 'Countess' }] });
    expect(updated.result.body.results[0]).toMatchObject({ success: true, id, created: false });
    const upserted = await push('leads', { operation: 'upsert', externalIdField: 'Id', records: [{ id, city: 'London' }] });
    expect(upserted.result.body.results[0]).toMatchObject({ success: true, id, created: false });
    expect(upserted.calls).toBe(1);
    const [lead] = await readAll(sf, `SELECT LastName, Company, Title, City, Email FROM Lead WHERE Id = '${id}'`);
    expect(lead).toMatchObject({ LastName: 'Lovelace', Company: 'Engines', Title: 'Countess', City: 'London', Email: 'ada@engines.io' });
  });

  it('contacts, campaigns and events: create', async () => {
    const contact = await push('contacts', { operation: 'create', records: [{ lastName: 'Hopper', email: 'grace@navy.mil', city: 'Arlington' }] });
    const campaign = await push('campaigns', { operation: 'create', records: [{ name: 'Spring launch', status: 'Planned', isActive: true, startDate: '2026-03-01' }] });
    const event = await push('events', { operation: 'create', records: [{ subject: 'Demo', start: '2026-03-02T10:00:00Z', end: '2026-03-02T11:00:00Z', location: 'Online' }] });
    for (const answer of [contact, campaign, event]) {
      expect(answer.result.status).toBe(200);
      expect(answer.result.body.results[0]).toMatchObject({ success: true, created: true });
      expect(answer.calls).toBe(1);
    }
    expect(await readAll(sf, `SELECT MailingCity FROM Contact WHERE Id = '${contact.result.body.results[0].id}'`)).toMatchObject([{ MailingCity: 'Arlington' }]);
    expect(await readAll(sf, `SELECT Name, IsActive FROM Campaign WHERE Id = '${campaign.result.body.results[0].id}'`)).toMatchObject([{ Name: 'Spring launch', IsActive: true }]);
    expect(await readAll(sf, `SELECT Subject, DurationInMinutes FROM Event WHERE Id = '${event.result.body.results[0].id}'`)).toMatchObject([{ Subject: 'Demo', DurationInMinutes: 60 }]);
  });

  it('lead-score and custom-fields update Leads and Contacts, one request per object', async () => {
    const [leadId] = seed('Lead', [{ LastName: 'Score', Company: 'S' }]);
    const [contactId] = seed('Contact', [{ LastName: 'Score' }]);
    const scored = await push('lead-score', {
      operation: 'update',
      records: [
        { id: leadId, sobject: 'Lead', score: 87 },
        { id: contactId, sobject: 'Contact', score: 42 },
      ],
    });
    expect(scored.result.body.results.map((r: { success: boolean }) => r.success)).toEqual([true, true]);
    expect(scored.calls).toBe(2);
    expect(await readAll(sf, `SELECT Lead_Score__c FROM Lead WHERE Id = '${leadId}'`)).toMatchObject([{ Lead_Score__c: 87 }]);
    expect(await readAll(sf, `SELECT Lead_Score__c FROM Contact WHERE Id = '${contactId}'`)).toMatchObject([{ Lead_Score__c: 42 }]);

    const mapped = await call(world, 'PUT', `/v1/orgs/${orgId}/mappings/custom-fields`, { mappings: [{ crmField: 'favoriteColor', salesforceField: 'Favorite_Color__c', conflict: 'recent' }] });
    expect(mapped.status).toBe(200);
    const custom = await push('custom-fields', {
      operation: 'update',
      records: [
        { id: leadId, sobject: 'Lead', favoriteColor: 'teal' },
        { id: contactId, sobject: 'Contact', favoriteColor: 'amber' },
        { id: leadId, favoriteColor: 'red' },
      ],
    });
    expect(custom.result.body.results.map((r: { success: boolean }) => r.success)).toEqual([true, true, false]);
    expect(custom.result.body.results[2].errors[0].code).toBe('INVALID_SOBJECT');
    expect(await readAll(sf, `SELECT Favorite_Color__c FROM Contact WHERE Id = '${contactId}'`)).toMatchObject([{ Favorite_Color__c: 'amber' }]);
  });
});

describe('reduction', () => {
  it('450 records cost exactly 3 calls (collections of 200, 200, 50)', async () => {
    const records = Array.from({ length: 450 }, (_, i) => ({ lastName: `Bulk ${i}`, company: 'Many' }));
    const collectionPosts = () => world.sandbox.control.groundTruth(sf.orgId).byMethodPath.find((e) => e.method === 'POST' && e.path.endsWith('/composite/sobjects'))?.count ?? 0;
    const before = collectionPosts();
    const { result, calls } = await push('leads', { operation: 'create', records });
    expect(calls).toBe(3);
    expect(result.body.calls).toBe(3);
    expect(result.body.results).toHaveLength(450);
    expect(result.body.results.every((r: { success: boolean; index: number }, i: number) => r.success && r.index === i)).toBe(true);
    expect(collectionPosts() - before).toBe(3);
    expect(await readAll(sf, "SELECT Id FROM Lead WHERE Company = 'Many'")).toHaveLength(450);
  });

  it('identical updates in one request are sent once; updates with nothing to write are not sent', async () => {
    const [id] = seed('Lead', [{ LastName: 'Twin', Company: 'T' }]);
    const twins = await push('leads', {
      operation: 'update',
      records: [
        { id, title: 'Same' },
        { id, title: 'Same' },
      ],
    });
    expect(twins.result.body.results).toMatchObject([
      { index: 0, success: true, id },
      { index: 1, success: true, id },
    ]);
    expect(twins.calls).toBe(1);
    const nothing = await push('leads', { operation: 'update', records: [{ id }] });
    expect(nothing.result.body.results[0]).toMatchObject({ success: true, skipped: true });
    expect(nothing.calls).toBe(0);
  });
});

describe('per-record results', () => {
  it('come back in input order; invalid records never reach Salesforce, the others are saved', async () => {
    const { result, calls } = await push('leads', {
      operation: 'create',
      records: [{ lastName: 'First', company: 'A' }, { company: 'No last name' }, { lastName: 'Unknown', company: 'B', shoeSize: 44 }, { lastName: 'Last', company: 'C' }],
    });
    expect(calls).toBe(1);
    const results = result.body.results;
    expect(results.map((r: { index: number }) => r.index)).toEqual([0, 1, 2, 3]);
    expect(results.map((r: { success: boolean }) => r.success)).toEqual([true, false, false, true]);
    expect(results[1].errors[0]).toMatchObject({ code: 'REQUIRED_FIELD_MISSING', fields: ['lastName'] });
    expect(results[2].errors).toEqual([{ code: 'UNKNOWN_FIELD', message: expect.any(String), fields: ['shoeSize'] }]);
    expect(await readAll(sf, "SELECT LastName FROM Lead WHERE LastName = 'Unknown'")).toEqual([]);
  });

  it('update without id, bad ids and non-scalar values are per-record errors', async () => {
    const { result, calls } = await push('leads', { operation: 'update', records: [{ title: 'x' }, { id: "00Q' OR 1=1", title: 'x' }, { id: '00Q000000000001AAA', title: { $ne: 1 } }] });
    expect(calls).toBe(0);
    expect(result.body.results.map((r: { errors: { code: string }[] }) => r.errors[0]!.code)).toEqual(['MISSING_ID', 'MALFORMED_ID', 'INVALID_VALUE']);
  });

  it('allOrNone with an invalid record sends nothing', async () => {
    const { result, calls } = await push('leads', {
      operation: 'create',
      allOrNone: true,
      records: [
        { lastName: 'Fine', company: 'A' },
        { lastName: 'Bad', bogus: 1 },
      ],
    });
    expect(calls).toBe(0);
    expect(result.body.results[0].errors[0].code).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(result.body.results[1].errors[0].code).toBe('UNKNOWN_FIELD');
  });
});

describe('bad requests are refused before any call', () => {
  it.each([
    ['no records', { operation: 'create', records: [] }],
    ['too many records', { operation: 'create', records: Array.from({ length: 2001 }, () => ({ lastName: 'x' })) }],
    ['unknown operation', { operation: 'delete', records: [{}] }],
    ['upsert without key', { operation: 'upsert', records: [{ lastName: 'x' }] }],
    ['a constructor key', { operation: 'create', records: [{ lastName: 'x', constructor: { prototype: {} } }] }],
    ['a prototype key', { operation: 'create', records: [{ prototype: 1 }] }],
    ['an unknown body field', { operation: 'create', records: [{ lastName: 'x' }], extra: true }],
    ['allOrNone over 200 records', { operation: 'create', allOrNone: true, records: Array.from({ length: 201 }, () => ({ lastName: 'x', company: 'y' })) }],
  ])('%s → 400', async (_name, body) => {
    const { result, calls } = await push('leads', body);
    expect(result.status).toBe(400);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
    expect(calls).toBe(0);
  });

  it('a __proto__ key → 400', async () => {
    const response = await fetch(`${world.api.url}/v1/orgs/${orgId}/sync/leads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.api.adminKey}`, 'content-type': 'application/json' },
      body: '{"operation":"create","records":[{"lastName":"x","__proto__":{"polluted":true}}]}',
    });
    expect(response.status).toBe(400);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
