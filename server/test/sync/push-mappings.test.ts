/** What a push writes follows the org's mappings: Unassigned fields, conflict rules, upsert keys. */
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

describe('mappings and conflict rules decide what is written', () => {
  it('fields mapped to null are not sent; salesforce-owned fields are written on create only', async () => {
    const saved = await call(world, 'PUT', `/v1/orgs/${orgId}/mappings/contacts`, {
      mappings: [
        { crmField: 'lastName', salesforceField: 'LastName', conflict: 'recent' },
        { crmField: 'title', salesforceField: null, conflict: 'recent' },
        { crmField: 'email', salesforceField: 'Email', conflict: 'salesforce' },
      ],
    });
    expect(saved.status).toBe(200);
    const created = await push('contacts', { operation: 'create', records: [{ lastName: 'Null', title: 'Ignored', email: 'first@x.io' }] });
    const id = created.result.body.results[0].id as string;
    expect(created.result.body.results[0].success).toBe(true);
    const updated = await push('contacts', { operation: 'update', records: [{ id, lastName: 'Renamed', title: 'Still ignored', email: 'second@x.io' }] });
    expect(updated.result.body.results[0]).toMatchObject({ success: true, skippedFields: ['email'] });
    expect(await readAll(sf, `SELECT LastName, Title, Email FROM Contact WHERE Id = '${id}'`)).toMatchObject([{ LastName: 'Renamed', Title: null, Email: 'first@x.io' }]);
  });

  it('recent: a CRM change older than the Salesforce change last pulled is not written', async () => {
    const [id] = seed('Lead', [{ LastName: 'Recent', Company: 'R', Title: 'From Salesforce' }]);
    const pulled = await call(world, 'GET', `/v1/orgs/${orgId}/sync/leads?limit=2000`);
    const record = pulled.body.records.find((r: { id: string }) => r.id === id);
    const salesforceChange = Date.parse(record.modifiedAt);
    const older = await push('leads', { operation: 'update', records: [{ id, title: 'Old CRM edit', modifiedAt: new Date(salesforceChange - 60_000).toISOString() }] });
    expect(older.result.body.results[0]).toMatchObject({ success: true, skippedFields: ['title'], skipped: true });
    expect(older.calls).toBe(0);
    const newer = await push('leads', { operation: 'update', records: [{ id, title: 'New CRM edit', modifiedAt: new Date(salesforceChange + 60_000).toISOString() }] });
    expect(newer.result.body.results[0]).toMatchObject({ success: true });
    expect(await readAll(sf, `SELECT Title FROM Lead WHERE Id = '${id}'`)).toMatchObject([{ Title: 'New CRM edit' }]);
  });

  it('upsert by an External ID field creates, then updates', async () => {
    const mappings = [
      { crmField: 'crmId', salesforceField: 'Crm_Id__c', conflict: 'crm' },
      { crmField: 'lastName', salesforceField: 'LastName', conflict: 'recent' },
      { crmField: 'company', salesforceField: 'Company', conflict: 'recent' },
    ];
    expect((await call(world, 'PUT', `/v1/orgs/${orgId}/mappings/leads`, { mappings })).status).toBe(200);
    const first = await push('leads', { operation: 'upsert', externalIdField: 'Crm_Id__c', records: [{ crmId: 'crm-1', lastName: 'Ext', company: 'E' }] });
    expect(first.result.body.results[0]).toMatchObject({ success: true, created: true });
    const second = await push('leads', {
      operation: 'upsert',
      externalIdField: 'Crm_Id__c',
      records: [
        { crmId: 'crm-1', lastName: 'Ext 2', company: 'E' },
        { lastName: 'No key', company: 'E' },
      ],
    });
    expect(second.result.body.results[0]).toMatchObject({ success: true, created: false, id: first.result.body.results[0].id });
    expect(second.result.body.results[1].errors[0].code).toBe('MISSING_EXTERNAL_ID');
    expect(second.calls).toBe(1);
    const notExternal = await push('leads', { operation: 'upsert', externalIdField: 'Company', records: [{ lastName: 'X', company: 'Y' }] });
    expect(notExternal.result.status).toBe(400);
  });
});

describe('a request Salesforce refuses whole', () => {
  it("fails its records with Salesforce's code, and the push stops instead of repeating it", async () => {
    // Crm_Id__c exists on Lead only, so the mapping is valid, but a Contact request names a field Contact lacks.
    const saved = await call(world, 'PUT', `/v1/orgs/${orgId}/mappings/custom-fields`, { mappings: [{ crmField: 'crmId', salesforceField: 'Crm_Id__c', conflict: 'crm' }] });
    expect(saved.status).toBe(200);
    const ids = seed(
      'Contact',
      Array.from({ length: 250 }, (_, i) => ({ LastName: `Whole ${i}` })),
    );
    const { result, calls } = await push('custom-fields', { operation: 'update', records: ids.map((id, i) => ({ id, sobject: 'Contact', crmId: `c-${i}` })) });
    expect(result.status).toBe(200);
    expect(calls).toBe(1);
    expect(result.body.calls).toBe(1);
    expect(result.body.results[0].errors[0].code).toBe('INVALID_FIELD');
    expect(result.body.results[249].errors[0].code).toBe('NOT_SENT');
  });
});
