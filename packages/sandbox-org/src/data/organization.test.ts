/** The Organization sObject, as the Salesforce CLI queries it on login, over real HTTP with jsforce. */
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { startSandbox, type RunningSandbox } from '../start.ts';
import type { OrgInfo } from '../types.ts';

let sandbox: RunningSandbox;
let org: OrgInfo;
let conn: jsforce.Connection;
beforeAll(async () => {
  sandbox = await startSandbox({ clock: new ManualClock() });
  org = sandbox.control.createOrg({ username: 'cli.user@example.com' });
  conn = new jsforce.Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: '62.0' });
});
afterAll(() => sandbox.close());

const CLI_QUERY = 'SELECT Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix, OrganizationType FROM Organization';

describe('Organization', () => {
  it("answers the sf CLI's query with one row whose Id is the org's id (counted)", async () => {
    const before = sandbox.control.usage(org.orgId).used;
    const result = await conn.query<Record<string, unknown>>(CLI_QUERY);
    expect(result.totalSize).toBe(1);
    const row = result.records[0]!;
    expect(row).toMatchObject({ InstanceName: 'SBX1', IsSandbox: true, TrialExpirationDate: null, NamespacePrefix: null, OrganizationType: 'Developer Edition' });
    expect(row['attributes']).toEqual({ type: 'Organization', url: `/services/data/v62.0/sobjects/Organization/${org.orgId}` });
    const { records } = await conn.query<{ Id: string }>('SELECT Id FROM Organization');
    expect(records.map((r) => r.Id)).toEqual([org.orgId]);
    expect(sandbox.control.usage(org.orgId).used).toBe(before + 2);
  });

  it('is one row per org, each with its own id', async () => {
    const other = sandbox.control.createOrg();
    const otherConn = new jsforce.Connection({ instanceUrl: other.instanceUrl, accessToken: other.accessToken, version: '62.0' });
    const { records } = await otherConn.query<{ Id: string }>('SELECT Id FROM Organization');
    expect(records.map((r) => r.Id)).toEqual([other.orgId]);
    expect(other.orgId).not.toBe(org.orgId);
  });

  it('is describable and retrievable, and stays after a reset', async () => {
    const describe = await conn.sobject('Organization').describe();
    expect(describe).toMatchObject({ name: 'Organization', keyPrefix: '00D', createable: false, updateable: false, deletable: false, queryable: true });
    expect(describe.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['Id', 'Name', 'OrganizationType', 'InstanceName', 'IsSandbox', 'TrialExpirationDate', 'NamespacePrefix']));
    sandbox.control.resetOrg(org.orgId);
    const record = await conn.sobject('Organization').retrieve(org.orgId);
    expect(record).toMatchObject({ Id: org.orgId, IsSandbox: true });
  });

  it('cannot be created or deleted through the API', async () => {
    const fail = (e: { errorCode?: string }) => e.errorCode;
    const created = await conn
      .sobject('Organization')
      .create({ Name: 'Nope' })
      .then(() => 'created', fail);
    expect(created).toBe('INVALID_TYPE_FOR_OPERATION');
    const deleted = await conn
      .sobject('Organization')
      .destroy(org.orgId)
      .then(() => 'deleted', fail);
    expect(deleted).toBe('INVALID_TYPE_FOR_OPERATION');
    expect((await conn.query('SELECT Id FROM Organization')).totalSize).toBe(1);
  });

  it("has the org's login username on its User record (the sf CLI reads it after userinfo)", async () => {
    const user = await conn.sobject('User').retrieve(org.userId);
    expect(user).toMatchObject({ Username: 'cli.user@example.com' });
  });
});
