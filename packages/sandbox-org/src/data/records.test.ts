/** Single-record create/retrieve/update/delete/upsert through the real jsforce client. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idSuffix } from './ids.ts';
import { TARGETS } from './test-targets.ts';
import type { Target, TargetOrg } from './test-targets.ts';

/** The error jsforce throws, with Salesforce's errorCode and the parsed body in `data`. */
async function failure(promise: Promise<unknown>): Promise<{ errorCode: string; message: string; data: Record<string, unknown> }> {
  try {
    await promise;
  } catch (e) {
    return e as { errorCode: string; message: string; data: Record<string, unknown> };
  }
  throw new Error('expected the call to fail');
}

describe.each(TARGETS)('records (%s)', (_name, start) => {
  let target: Target;
  let t: TargetOrg;
  beforeAll(async () => {
    target = await start();
    t = await target.newOrg();
  });
  afterAll(() => target.close());

  it('creates a Lead with an 18-char id, system fields and defaults', async () => {
    const created = await t.conn.sobject('Lead').create({ LastName: 'Ada', Company: 'Analytical' });
    expect(created).toMatchObject({ success: true, errors: [] });
    const id = (created as { id: string }).id;
    expect(id).toMatch(/^00Q[a-zA-Z0-9]{15}$/);
    expect(id.slice(15)).toBe(idSuffix(id.slice(0, 15)));
    const lead = await t.conn.sobject('Lead').retrieve(id);
    expect(lead).toMatchObject({
      attributes: { type: 'Lead', url: `/services/data/v62.0/sobjects/Lead/${id}` },
      Id: id,
      Name: 'Ada',
      Status: 'Open - Not Contacted',
      IsDeleted: false,
    });
    expect(lead['CreatedDate']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(lead['OwnerId']).toBe(lead['CreatedById']);
  });

  it('retrieves selected fields and accepts a 15-character id', async () => {
    const { id } = (await t.conn.sobject('Contact').create({ LastName: 'Byron', Email: 'a@b.co' })) as { id: string };
    const got = await t.conn.sobject('Contact').retrieve(id.slice(0, 15), { fields: ['lastname', 'Email'] });
    expect(got).toEqual({ attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${id}` }, LastName: 'Byron', Email: 'a@b.co' });
  });

  it('updates (204) and bumps SystemModstamp; deletes (204) then 404s', async () => {
    const { id } = (await t.conn.sobject('Lead').create({ LastName: 'Lovelace', Company: 'X' })) as { id: string };
    const before = await t.conn.sobject('Lead').retrieve(id);
    const updated = await t.conn.sobject('Lead').update({ Id: id, FirstName: 'Ada', Status: 'Working - Contacted' });
    expect(updated).toEqual({ id, success: true, errors: [] });
    const after = await t.conn.sobject('Lead').retrieve(id);
    expect(after).toMatchObject({ Name: 'Ada Lovelace', Status: 'Working - Contacted' });
    expect(String(after['SystemModstamp']) > String(before['SystemModstamp'])).toBe(true);
    expect(await t.conn.sobject('Lead').destroy(id)).toEqual({ id, success: true, errors: [] });
    expect((await failure(t.conn.sobject('Lead').retrieve(id))).errorCode).toBe('NOT_FOUND');
  });

  it('upserts by external id: 201 created, then 200 updated, 300 on several matches', async () => {
    t.addCustomField({ object: 'Lead', name: 'Ext_Id__c', type: 'string', externalId: true });
    const first = await t.conn.sobject('Lead').upsert({ Ext_Id__c: 'E-1', LastName: 'U', Company: 'C' }, 'Ext_Id__c');
    expect(first).toMatchObject({ success: true, created: true });
    const second = await t.conn.sobject('Lead').upsert({ Ext_Id__c: 'e-1', Title: 'CTO' }, 'Ext_Id__c');
    expect(second).toMatchObject({ id: (first as { id: string }).id, success: true, created: false });
    t.seed('Lead', [
      { LastName: 'D1', Company: 'C', Ext_Id__c: 'DUP' },
      { LastName: 'D2', Company: 'C', Ext_Id__c: 'DUP' },
    ]);
    const err = await failure(t.conn.sobject('Lead').upsert({ Ext_Id__c: 'DUP', Title: 'x' }, 'Ext_Id__c'));
    expect(err.errorCode).toBe('MULTIPLE_CHOICES');
  });

  it('answers validation errors in Salesforce shape', async () => {
    const lead = t.conn.sobject('Lead');
    const missing = await failure(lead.create({ Company: 'NoName' }));
    expect(missing.data).toEqual({ message: 'Required fields are missing: [LastName]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] });
    const unknown = await failure(lead.create({ LastName: 'x', Company: 'y', Foo: 1 }));
    expect(unknown.data).toEqual({ message: "No such column 'Foo' on sobject of type Lead", errorCode: 'INVALID_FIELD' });
    expect((await failure(lead.create({ LastName: 'x', Company: 'y', Name: 'n' }))).errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    expect((await failure(lead.create({ LastName: 'x', Company: 'y', NumberOfEmployees: 'many' }))).errorCode).toBe('JSON_PARSER_ERROR');
    expect((await failure(lead.create({ LastName: 'x'.repeat(81), Company: 'y' }))).errorCode).toBe('STRING_TOO_LONG');
    expect((await failure(lead.create({ LastName: 'x', Company: 'y', Email: 'nope' }))).errorCode).toBe('INVALID_EMAIL_ADDRESS');
    expect((await failure(lead.create({ LastName: 'x', Company: 'y', Status: 'Bogus' }))).errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect((await failure(t.conn.sobject('Contact').create({ LastName: 'x', AccountId: 'bad' }))).errorCode).toBe('MALFORMED_ID');
  });

  it('refuses unknown objects, malformed ids and ids of another object without a 500', async () => {
    const unknown = await failure(t.conn.sobject('Nope__c').create({ Name: 'x' }));
    expect(unknown.data).toEqual({ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' });
    const malformed = await failure(t.conn.sobject('Lead').retrieve('00Qbad'));
    expect(malformed.data).toMatchObject({ errorCode: 'MALFORMED_ID', fields: ['Id'] });
    const { id } = (await t.conn.sobject('Account').create({ Name: 'Acme' })) as { id: string };
    expect((await failure(t.conn.sobject('Lead').retrieve(id))).errorCode).toBe('NOT_FOUND');
    expect((await failure(t.conn.sobject('Lead').update({ Id: id, Title: 'x' }))).errorCode).toBe('NOT_FOUND');
  });

  it('treats __proto__ and constructor as unknown fields', async () => {
    const body = '{"LastName":"p","Company":"c","__proto__":{"polluted":true}}';
    const res = await fetch(`${t.instanceUrl}/services/data/v62.0/sobjects/Lead`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${t.accessToken}`, 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([{ message: "No such column '__proto__' on sobject of type Lead", errorCode: 'INVALID_FIELD' }]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const ctor = await failure(t.conn.sobject('Lead').create({ LastName: 'p', Company: 'c', constructor: 'x' }));
    expect(ctor.errorCode).toBe('INVALID_FIELD');
    const bad = await fetch(`${t.instanceUrl}/services/data/v62.0/sobjects/Lead`, {
      method: 'POST',
      body: '{oops',
      headers: { authorization: `Bearer ${t.accessToken}`, 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json())[0].errorCode).toBe('JSON_PARSER_ERROR');
  });
});
