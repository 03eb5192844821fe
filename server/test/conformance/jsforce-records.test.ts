/**
 * jsforce 3 against the sandbox org and through our passthrough, same assertions both ways: record
 * CRUD, sObject Collections, Composite (with references, batch and tree), SOQL with relationship
 * fields and child subqueries, paging with queryMore, and upsert by external id.
 */
import type { Connection } from 'jsforce';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { useStack } from '../support/stack.ts';
import { jsforceFor, type BatchResponse, type SubResponse, type TreeResponse } from './jsforce.ts';
import { WAYS, closeWay, countedByRun, openWay, runChecks, sameCostBothWays, type Way, type WayName } from './ways.ts';

const stack = useStack();
const cost = new Map<WayName, number>();

describe.each(WAYS)('jsforce 3 with records, %s', (wayName) => {
  let way: Way;
  let conn: Connection;
  /** Calls this test cost the org, by the sandbox's ground truth. */
  let callsSince: (before: number) => number;
  beforeAll(async () => {
    way = await openWay(stack, wayName, 'default');
    conn = jsforceFor(way);
    callsSince = (before) => countedByRun(stack, way) - before;
  });
  afterAll(() => closeWay(way));

  it('creates, retrieves, updates and deletes a record, non-ASCII text intact', async () => {
    const created = await conn.sobject('Lead').create({ LastName: 'Lövelace 💡', Company: 'Analytical Engines' });
    expect(created.success).toBe(true);
    const id = created.id!;
    expect(await conn.sobject('Lead').retrieve(id)).toMatchObject({ Id: id, LastName: 'Lövelace 💡' });
    await conn.sobject('Lead').update({ Id: id, Company: 'Difference Engines' });
    expect((await conn.sobject('Lead').retrieve(id)).Company).toBe('Difference Engines');
    expect((await conn.sobject('Lead').destroy(id)).success).toBe(true);
    await expect(conn.sobject('Lead').retrieve(id)).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });

  it('creates, updates and deletes 200 records in one sObject Collections call each', async () => {
    const before = countedByRun(stack, way);
    const created = await conn.sobject('Lead').create(
      Array.from({ length: 200 }, (_, i) => ({ LastName: `Batch ${i}`, Company: 'Collections' })),
      { allOrNone: true },
    );
    expect(created.every((r) => r.success)).toBe(true);
    const ids = created.map((r) => r.id!);
    expect((await conn.sobject('Lead').update(ids.map((Id) => ({ Id, Title: 'VP' })))).every((r) => r.success)).toBe(true);
    expect((await conn.sobject('Lead').destroy(ids)).every((r) => r.success)).toBe(true);
    expect(callsSince(before)).toBe(3);
  });

  it('runs a composite request whose second step references the first', async () => {
    const { compositeResponse } = await conn.requestPost<{ compositeResponse: SubResponse[] }>('/composite', {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: '/services/data/v62.0/sobjects/Account', referenceId: 'acct', body: { Name: 'Composite Co' } },
        { method: 'POST', url: '/services/data/v62.0/sobjects/Contact', referenceId: 'person', body: { LastName: 'Hopper', AccountId: '@{acct.id}' } },
      ],
    });
    expect(compositeResponse.map((r) => r.httpStatusCode)).toEqual([201, 201]);
    expect((await conn.sobject('Contact').retrieve(String(compositeResponse[1]!.body.id))).AccountId).toBe(compositeResponse[0]!.body.id);
  });

  it('runs a composite batch, each subrequest one call', async () => {
    const before = countedByRun(stack, way);
    const answer = await conn.requestPost<BatchResponse>('/composite/batch', {
      batchRequests: [
        { method: 'POST', url: 'v62.0/sobjects/Account', richInput: { Name: 'Batch Co' } },
        { method: 'GET', url: 'v62.0/limits' },
      ],
    });
    expect(answer).toMatchObject({ hasErrors: false, results: [{ statusCode: 201 }, { statusCode: 200 }] });
    expect(answer.results[1]!.result.DailyApiRequests.Max).toBe(15_000);
    expect(callsSince(before)).toBe(2);
  });

  it('creates an Account with its Contacts in one composite tree call', async () => {
    const answer = await conn.requestPost<TreeResponse>('/composite/tree/Account', {
      records: [
        {
          attributes: { type: 'Account', referenceId: 'tree1' },
          Name: 'Tree Co',
          Contacts: {
            records: [
              { attributes: { type: 'Contact', referenceId: 'c1' }, LastName: 'Leaf One' },
              { attributes: { type: 'Contact', referenceId: 'c2' }, LastName: 'Leaf Two' },
            ],
          },
        },
      ],
    });
    expect(answer.hasErrors).toBe(false);
    expect(answer.results.map((r) => r.referenceId).sort()).toEqual(['c1', 'c2', 'tree1']);
    const accountId = answer.results.find((r) => r.referenceId === 'tree1')!.id;
    const contacts = await conn.query<{ LastName: string }>(`SELECT LastName FROM Contact WHERE AccountId = '${accountId}' ORDER BY LastName`);
    expect(contacts.records.map((c) => c.LastName)).toEqual(['Leaf One', 'Leaf Two']);
  });

  it('queries parent fields by relationship and children by subquery', async () => {
    const account = await conn.sobject('Account').create({ Name: 'Relations Inc' });
    await conn.sobject('Contact').create([
      { LastName: 'Ada', AccountId: account.id },
      { LastName: 'Grace', AccountId: account.id },
    ]);
    const up = await conn.query<any>(`SELECT LastName, Account.Name FROM Contact WHERE AccountId = '${account.id}' ORDER BY LastName`);
    expect(up.records.map((c: any) => [c.LastName, c.Account?.Name])).toEqual([
      ['Ada', 'Relations Inc'],
      ['Grace', 'Relations Inc'],
    ]);
    const down = await conn.query<any>(`SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account WHERE Id = '${account.id}'`);
    expect(down.records[0].Contacts.records.map((c: any) => c.LastName)).toEqual(['Ada', 'Grace']);
  });

  it('pages a 4,500-record query with autoFetch, one call per page of 2,000', async () => {
    stack.sandbox.control.seed(
      way.sfOrgId,
      'Lead',
      Array.from({ length: 4500 }, (_, i) => ({ LastName: `Seeded ${i}`, Company: 'Paging Inc' })),
    );
    const before = countedByRun(stack, way);
    const result = await conn.query("SELECT Id, LastName FROM Lead WHERE Company = 'Paging Inc'").run({ autoFetch: true, maxFetch: 10_000 });
    expect(result.records).toHaveLength(4500);
    expect(new Set(result.records.map((r) => r.Id)).size).toBe(4500);
    expect(callsSince(before)).toBe(3);
  });

  it('upserts by external id: inserts, then updates the same record', async () => {
    stack.sandbox.control.addCustomFields(way.sfOrgId, { object: 'Lead', name: 'Crm_Id__c', type: 'string', externalId: true, unique: true });
    const first = await conn.sobject('Lead').upsert({ Crm_Id__c: 'CRM-Ö1', LastName: 'Upserted', Company: 'Ext' }, 'Crm_Id__c');
    expect(first).toMatchObject({ success: true, created: true });
    const second = await conn.sobject('Lead').upsert({ Crm_Id__c: 'CRM-Ö1', LastName: 'Upserted Again' }, 'Crm_Id__c');
    expect(second).toMatchObject({ success: true, created: false, id: first.id });
    expect((await conn.sobject('Lead').retrieve(first.id!)).LastName).toBe('Upserted Again');
  });

  runChecks(cost, wayName, stack, () => way);
});

sameCostBothWays(cost);
