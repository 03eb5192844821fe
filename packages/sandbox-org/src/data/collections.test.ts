/** sObject Collections through jsforce's array calls: one request per ≤ 200 records. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS } from './test-targets.ts';
import type { Target, TargetOrg } from './test-targets.ts';

type SaveResult = { id?: string; success: boolean; errors: Array<{ statusCode: string; message: string; fields: string[] }>; created?: boolean };

const leads = (n: number, prefix = 'L'): Array<Record<string, unknown>> => Array.from({ length: n }, (_, i) => ({ LastName: `${prefix}${i}`, Company: 'Co' }));

describe.each(TARGETS)('sObject Collections (%s)', (_name, start) => {
  let target: Target;
  let t: TargetOrg;
  beforeAll(async () => {
    target = await start();
    t = await target.newOrg();
  });
  afterAll(() => target.close());

  it('creates 200 records in one request, results in input order', async () => {
    const before = t.requests();
    const results = (await t.conn.sobject('Lead').create(leads(200))) as SaveResult[];
    expect(t.requests() - before).toBe(1);
    expect(results).toHaveLength(200);
    expect(results.every((r) => r.success && /^00Q/.test(r.id ?? ''))).toBe(true);
    const first = await t.conn.sobject('Lead').retrieve(results[0]!.id!);
    expect(first['LastName']).toBe('L0');
  });

  it('reports per-record statusCode errors and applies the rest', async () => {
    const before = t.conn.sobject('Contact');
    const results = (await before.create([{ LastName: 'ok' }, { FirstName: 'no last name' }], { allOrNone: false })) as SaveResult[];
    expect(results[0]).toMatchObject({ success: true });
    expect(results[1]).toEqual({
      success: false,
      errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'] }],
    });
    expect(await t.conn.sobject('Contact').retrieve(results[0]!.id!)).toMatchObject({ LastName: 'ok' });
  });

  it('rolls everything back with allOrNone when one record fails', async () => {
    const count = async () => (await t.conn.query('SELECT COUNT() FROM Account')).totalSize;
    const start = await count();
    const results = (await t.conn.sobject('Account').create([{ Name: 'A' }, { Website: 'no name' }, { Name: 'C' }], { allOrNone: true })) as SaveResult[];
    expect(results.map((r) => r.success)).toEqual([false, false, false]);
    expect(results[0]!.errors[0]!.statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(results[1]!.errors[0]!.statusCode).toBe('REQUIRED_FIELD_MISSING');
    expect(results[2]!.errors[0]!.statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(await count()).toBe(start);
  });

  it('updates and deletes in collections, with errors for deleted and malformed ids', async () => {
    const created = (await t.conn.sobject('Lead').create(leads(3, 'U'))) as SaveResult[];
    const ids = created.map((r) => r.id!);
    const updated = (await t.conn.sobject('Lead').update(ids.map((Id) => ({ Id, Title: 'VP' })))) as SaveResult[];
    expect(updated).toEqual(ids.map((id) => ({ id, success: true, errors: [] })));
    const deleted = (await t.conn.sobject('Lead').destroy([ids[0]!, ids[0]!.slice(0, 15), 'garbage'])) as SaveResult[];
    expect(deleted[0]).toEqual({ id: ids[0], success: true, errors: [] });
    expect(deleted[1]).toMatchObject({ success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED' }] });
    expect(deleted[2]).toEqual({ success: false, errors: [{ statusCode: 'MALFORMED_ID', message: 'malformed id garbage', fields: [] }] });
    const again = (await t.conn.sobject('Lead').update(
      [
        { Id: ids[1]!, Title: 'x' },
        { Id: ids[0]!, Title: 'y' },
      ],
      { allOrNone: true },
    )) as SaveResult[];
    expect(again.map((r) => r.errors[0]?.statusCode)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'ENTITY_IS_DELETED']);
    expect((await t.conn.sobject('Lead').retrieve(ids[1]!))['Title']).toBe('VP');
  });

  it('upserts a collection: created flags, duplicate external ids refused', async () => {
    t.addCustomField({ object: 'Contact', name: 'Crm_Id__c', type: 'string', externalId: true, unique: true });
    t.seed('Contact', [{ LastName: 'Existing', Crm_Id__c: 'c-1' }]);
    const results = (await t.conn.sobject('Contact').upsert(
      [
        { Crm_Id__c: 'c-1', Title: 'updated' },
        { Crm_Id__c: 'c-2', LastName: 'New' },
        { Crm_Id__c: 'c-3', LastName: 'Twin' },
        { Crm_Id__c: 'C-3', LastName: 'Twin' },
      ],
      'Crm_Id__c',
    )) as SaveResult[];
    expect(results.map((r) => [r.success, r.created])).toEqual([
      [true, false],
      [true, true],
      [false, false],
      [false, false],
    ]);
    expect(results[2]!.errors[0]!.statusCode).toBe('DUPLICATE_EXTERNAL_ID');
  });

  it('retrieves a collection by ids, null for unknown ones', async () => {
    const created = (await t.conn.sobject('Account').create([{ Name: 'R1' }, { Name: 'R2' }])) as SaveResult[];
    const got = (await t.conn.sobject('Account').retrieve([created[0]!.id!, '001000000000000AAA', created[1]!.id!], { fields: ['Name'] })) as unknown[];
    expect(got).toEqual([
      { attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${created[0]!.id}` }, Name: 'R1' },
      null,
      { attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${created[1]!.id}` }, Name: 'R2' },
    ]);
  });

  it('refuses more than 200 records with EXCEEDED_ID_LIMIT, writing nothing', async () => {
    const before = (await t.conn.query("SELECT COUNT() FROM Lead WHERE Company = 'Big'")).totalSize;
    const err = await t.conn
      .sobject('Lead')
      .create(leads(201).map((l) => ({ ...l, Company: 'Big' })))
      .then(
        () => undefined,
        (e: { errorCode: string }) => e,
      );
    expect(err?.errorCode).toBe('EXCEEDED_ID_LIMIT');
    expect((await t.conn.query("SELECT COUNT() FROM Lead WHERE Company = 'Big'")).totalSize).toBe(before);
  });

  it('refuses the whole request for an unknown field', async () => {
    const err = await t.conn
      .sobject('Lead')
      .create([
        { LastName: 'a', Company: 'b' },
        { LastName: 'c', Company: 'd', Nope__c: 1 },
      ])
      .then(
        () => undefined,
        (e: { errorCode: string }) => e,
      );
    expect(err?.errorCode).toBe('INVALID_FIELD');
  });
});
