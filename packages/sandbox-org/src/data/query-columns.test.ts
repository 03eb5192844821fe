/** `GET /query?q=…&columns=true` as `sf data query` sends it, over real HTTP through jsforce. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS } from './test-targets.ts';
import type { Target, TargetOrg } from './test-targets.ts';

type Meta = { columnName: string; displayName: string; aggregate: boolean; joinColumns: Meta[]; [k: string]: unknown };
interface ColumnsAnswer {
  columnMetadata: Meta[];
  entityName: string;
  groupBy: boolean;
  idSelected: boolean;
  keyPrefix: string;
  records?: unknown;
}

/** The column names the sf CLI derives (plugin-data's recursivelyFindColumns, reduced to names). */
function cliNames(columns: Meta[], prefix = ''): string[] {
  return columns.flatMap((c) => {
    if (c.joinColumns.length === 0) return [prefix + c.columnName];
    if (c.aggregate) return [`${prefix}${c.columnName}[${cliNames(c.joinColumns).join(',')}]`];
    return cliNames(c.joinColumns, `${prefix}${c.columnName}.`);
  });
}

describe.each(TARGETS)('query columns (%s)', (_name, start) => {
  let target: Target;
  let t: TargetOrg;
  const columns = (soql: string) => t.conn.request<ColumnsAnswer>(`/services/data/v62.0/query?q=${encodeURIComponent(soql)}&columns=true`);
  beforeAll(async () => {
    target = await start();
    t = await target.newOrg();
    t.seed('Account', [{ Name: 'Acme' }]);
  });
  afterAll(() => target.close());

  it('describes plain fields with their types and flags, and no rows; the call is counted like a query', async () => {
    const before = t.requests();
    const answer = await columns('SELECT Id, Name, NumberOfEmployees, CreatedDate FROM Account');
    expect(t.requests()).toBe(before + 1);
    expect(answer).toMatchObject({ entityName: 'Account', groupBy: false, idSelected: true, keyPrefix: '001' });
    expect(answer.records).toBeUndefined();
    expect(answer.columnMetadata[0]).toEqual({
      aggregate: false,
      apexType: 'Id',
      booleanType: false,
      columnName: 'Id',
      custom: false,
      displayName: 'Id',
      foreignKeyName: null,
      insertable: false,
      joinColumns: [],
      numberType: false,
      textType: false,
      updatable: false,
    });
    expect(answer.columnMetadata[1]).toMatchObject({ columnName: 'Name', apexType: 'String', textType: true, insertable: true, updatable: true });
    expect(answer.columnMetadata[2]).toMatchObject({ columnName: 'NumberOfEmployees', apexType: 'Integer', numberType: true });
    expect(answer.columnMetadata[3]).toMatchObject({ columnName: 'CreatedDate', apexType: 'Datetime', insertable: false });
  });

  it('nests parent paths in joinColumns and subqueries as aggregate columns, in select order', async () => {
    const answer = await columns('SELECT name, Account.Name, Account.Owner.Alias, (SELECT Subject, Owner.Name FROM Events) FROM Contact');
    expect(answer.idSelected).toBe(false);
    expect(cliNames(answer.columnMetadata)).toEqual(['Name', 'Account.Name', 'Account.Owner.Alias', 'Events[Subject,Owner.Name]']);
    const owner = answer.columnMetadata[2]!;
    expect(owner).toMatchObject({ columnName: 'Account', displayName: 'Account', foreignKeyName: 'AccountId', aggregate: false });
    expect(owner.joinColumns[0]).toMatchObject({ columnName: 'Owner', displayName: 'Account.Owner', foreignKeyName: 'OwnerId' });
    expect(owner.joinColumns[0]!.joinColumns[0]).toMatchObject({ columnName: 'Alias', displayName: 'Account.Owner.Alias', apexType: 'String' });
  });

  it('describes a subquery', async () => {
    const answer = await columns('SELECT Name, (SELECT LastName FROM Contacts) FROM Account');
    expect(cliNames(answer.columnMetadata)).toEqual(['Name', 'Contacts[LastName]']);
    expect(answer.columnMetadata[1]).toMatchObject({ aggregate: true, columnName: 'Contacts', displayName: 'Contacts' });
  });

  it('answers a bad query with the same error as running it', async () => {
    const code = (p: PromiseLike<unknown>) =>
      Promise.resolve(p).then(
        () => 'ok',
        (e: { errorCode?: string }) => e.errorCode,
      );
    expect(await code(columns('SELECT Nope FROM Account'))).toBe('INVALID_FIELD');
    expect(await code(columns('SELECT Id FROM Nope'))).toBe('INVALID_TYPE');
    expect(await code(columns('SELECT Id, (SELECT Id FROM Leads) FROM Account'))).toBe('INVALID_TYPE');
  });

  it('ignores columns other than exactly "true", running the query', async () => {
    const answer = await t.conn.request<{ totalSize: number }>(`/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Account')}&columns=false`);
    expect(answer.totalSize).toBe(1);
  });
});
