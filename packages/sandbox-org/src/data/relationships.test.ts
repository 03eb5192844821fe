/** SOQL parent paths and child subqueries through jsforce, and describe's matching relationship names. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS } from './test-targets.ts';
import type { Target, TargetOrg } from './test-targets.ts';

type Row = Record<string, unknown>;

async function errorOf(promise: PromiseLike<unknown>): Promise<{ errorCode?: string; message?: string } | undefined> {
  return Promise.resolve(promise).then(
    () => undefined,
    (e: { errorCode?: string; message?: string }) => ({ errorCode: e.errorCode, message: e.message }),
  );
}

describe.each(TARGETS)('relationships (%s)', (_name, start) => {
  let target: Target;
  let t: TargetOrg;
  let acme: string;
  let empty: string;
  let userId: string;
  beforeAll(async () => {
    target = await start();
    t = await target.newOrg();
    [acme, empty] = t.seed('Account', [{ Name: 'Acme' }, { Name: 'Empty' }]) as [string, string];
    t.seed('Contact', [{ LastName: 'Ada', AccountId: acme }, { LastName: 'Bob', AccountId: acme }, { LastName: 'Orphan' }]);
    userId = ((await t.conn.query<{ Id: string }>('SELECT Id FROM User')).records[0] as { Id: string }).Id;
  });
  afterAll(() => target.close());

  it('reads parent fields as nested records with attributes, and null for a missing parent', async () => {
    const { records } = await t.conn.query<Row>('SELECT Name, Account.Name, Owner.Name FROM Contact ORDER BY LastName');
    expect(records).toHaveLength(3);
    expect(records[0]).toEqual({
      attributes: { type: 'Contact', url: expect.stringMatching(/^\/services\/data\/v62\.0\/sobjects\/Contact\/003/) as unknown },
      Name: 'Ada',
      Account: { attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${acme}` }, Name: 'Acme' },
      Owner: { attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${userId}` }, Name: 'Sandbox Admin' },
    });
    expect(records[2]).toMatchObject({ Name: 'Orphan', Account: null, Owner: { Name: 'Sandbox Admin' } });
  });

  it('merges fields of one parent, follows two hops, and accepts any case', async () => {
    const { records } = await t.conn.query<Row>("SELECT account.name, Account.Id, Account.Owner.Alias FROM Contact WHERE LastName = 'Bob'");
    expect(records[0]!['Account']).toEqual({
      attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${acme}` },
      Name: 'Acme',
      Id: acme,
      Owner: { attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${userId}` }, Alias: 'sadmin' },
    });
  });

  it('filters and orders by parent fields', async () => {
    const { records } = await t.conn.query<Row>("SELECT LastName FROM Contact WHERE Account.Name = 'Acme' ORDER BY Account.Name, LastName DESC");
    expect(records.map((r) => r['LastName'])).toEqual(['Bob', 'Ada']);
    const none = await t.conn.query<Row>('SELECT LastName FROM Contact WHERE Account.Name = null');
    expect(none.records.map((r) => r['LastName'])).toEqual(['Orphan']);
  });

  it('answers a child subquery with {totalSize, done, records}, or null when there are none', async () => {
    const { records } = await t.conn.query<Row>('SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account ORDER BY Name');
    expect(records[0]).toMatchObject({ Name: 'Acme' });
    expect(records[0]!['Contacts']).toEqual({
      totalSize: 2,
      done: true,
      records: [
        { attributes: { type: 'Contact', url: expect.stringMatching(/\/sobjects\/Contact\/003/) as unknown }, LastName: 'Ada' },
        { attributes: { type: 'Contact', url: expect.stringMatching(/\/sobjects\/Contact\/003/) as unknown }, LastName: 'Bob' },
      ],
    });
    expect(records[1]).toMatchObject({ Name: 'Empty', Contacts: null });
    expect(empty).toMatch(/^001/);
  });

  it('filters and limits inside a subquery, with parent paths in it', async () => {
    const { records } = await t.conn.query<Row>("SELECT Id, (SELECT LastName, Owner.Alias FROM contacts WHERE LastName != 'Ada' LIMIT 1) FROM Account WHERE Id = '" + acme + "'");
    expect(records[0]!['Contacts']).toMatchObject({ totalSize: 1, records: [{ LastName: 'Bob', Owner: { Alias: 'sadmin' } }] });
  });

  it('refuses unknown relationships like Salesforce: INVALID_FIELD for parents, INVALID_TYPE for children', async () => {
    expect(await errorOf(t.conn.query('SELECT Boss.Name FROM Contact'))).toMatchObject({ errorCode: 'INVALID_FIELD', message: expect.stringMatching(/^Didn't understand relationship 'Boss' in field path/) as unknown });
    expect(await errorOf(t.conn.query('SELECT Account.Nope FROM Contact'))).toMatchObject({ errorCode: 'INVALID_FIELD', message: expect.stringMatching(/^No such column 'Nope' on entity 'Account'/) as unknown });
    // A lookup's field name is not its relationship name.
    expect(await errorOf(t.conn.query('SELECT AccountId.Name FROM Contact'))).toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect(await errorOf(t.conn.query('SELECT Name, (SELECT Id FROM Leads) FROM Account'))).toMatchObject({
      errorCode: 'INVALID_TYPE',
      message: expect.stringMatching(/^Didn't understand relationship 'Leads' in FROM part of query call/) as unknown,
    });
    expect(await errorOf(t.conn.query('SELECT Name, (SELECT Id, (SELECT Id FROM Events) FROM Contacts) FROM Account'))).toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    expect(await errorOf(t.conn.query('SELECT Account.Name, account.NAME FROM Contact'))).toMatchObject({ errorCode: 'MALFORMED_QUERY' });
  });

  it("lists describe's childRelationships and relationshipName consistently with what SOQL accepts", async () => {
    const account = await t.conn.sobject('Account').describe();
    const named = account.childRelationships.filter((c) => c.relationshipName !== null).map((c) => `${c.relationshipName}:${c.childSObject}.${c.field}`);
    expect(named).toEqual(expect.arrayContaining(['ChildAccounts:Account.ParentId', 'Contacts:Contact.AccountId', 'Opportunities:Opportunity.AccountId', 'Events:Event.WhatId']));
    for (const rel of account.childRelationships.filter((c) => c.relationshipName !== null)) {
      const result = await t.conn.query(`SELECT Id, (SELECT Id FROM ${rel.relationshipName}) FROM Account LIMIT 1`);
      expect(result.totalSize).toBe(1);
    }
    const contact = await t.conn.sobject('Contact').describe();
    const accountId = contact.fields.find((f) => f.name === 'AccountId');
    expect(accountId).toMatchObject({ relationshipName: 'Account', referenceTo: ['Account'] });
    expect(account.childRelationships.find((c) => c.childSObject === 'Contact' && c.field === 'AccountId')).toMatchObject({ relationshipName: 'Contacts', cascadeDelete: false });
  });
});
