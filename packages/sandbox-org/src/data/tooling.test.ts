/** The minimal Tooling API through jsforce's `conn.tooling`, as the sf CLI uses it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS } from './test-targets.ts';
import type { Target, TargetOrg } from './test-targets.ts';

describe.each(TARGETS)('tooling (%s)', (_name, start) => {
  let target: Target;
  let t: TargetOrg;
  beforeAll(async () => {
    target = await start();
    t = await target.newOrg();
  });
  afterAll(() => target.close());
  const code = (p: PromiseLike<unknown>) =>
    Promise.resolve(p).then(
      () => 'ok',
      (e: { errorCode?: string }) => e.errorCode,
    );

  it('queries the metadata objects the CLI asks for (no rows in a sandbox), one counted call each', async () => {
    const before = t.requests();
    const classes = await t.conn.tooling.query('SELECT Id, Name, ApiVersion FROM ApexClass ORDER BY Name');
    expect(classes).toMatchObject({ totalSize: 0, done: true, records: [] });
    const raw = await t.conn.request(`/services/data/v62.0/tooling/query/?q=${encodeURIComponent('SELECT Id FROM ApexClass')}`);
    expect(raw).toEqual({ size: 0, totalSize: 0, done: true, queryLocator: null, entityTypeName: 'ApexClass', records: [] });
    const members = await t.conn.tooling.query('SELECT Id, MemberName, MemberType, RevisionCounter FROM SourceMember WHERE RevisionCounter > 0');
    expect(members.totalSize).toBe(0);
    expect((await t.conn.tooling.query('SELECT COUNT() FROM ApexTrigger')).totalSize).toBe(0);
    expect(t.requests()).toBe(before + 4);
  });

  it('refuses unknown objects and fields like Salesforce: INVALID_TYPE, INVALID_FIELD, MALFORMED_QUERY', async () => {
    expect(await code(t.conn.tooling.query('SELECT Id FROM SandboxInfo'))).toBe('INVALID_TYPE');
    expect(await code(t.conn.tooling.query('SELECT Id FROM Account'))).toBe('INVALID_TYPE');
    expect(await code(t.conn.tooling.query('SELECT Nope FROM ApexClass'))).toBe('INVALID_FIELD');
    expect(await code(t.conn.tooling.query('SELECT FROM ApexClass'))).toBe('MALFORMED_QUERY');
    expect(await code(t.conn.request('/services/data/v62.0/tooling/query'))).toBe('MALFORMED_QUERY');
  });

  it('describes SourceMember (so the CLI sees source tracking) and 404s an unknown tooling object', async () => {
    const described = await t.conn.tooling.sobject('SourceMember').describe();
    expect(described.name).toBe('SourceMember');
    expect(described.fields.map((f) => f.name)).toContain('RevisionCounter');
    expect(await code(t.conn.tooling.sobject('Nope').describe())).toBe('NOT_FOUND');
  });
});
