/** sObject Tree over real HTTP through jsforce: nested creates, all or nothing, one counted call. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest } from '../platform/test-support.ts';
import { TARGETS } from './test-targets.ts';
import type { Target, TargetOrg } from './test-targets.ts';

interface TreeAnswer {
  hasErrors: boolean;
  results: { referenceId: string; id?: string; errors?: { statusCode: string; message: string; fields: string[] }[] }[];
}

type Failure = { errorCode?: string; content?: unknown; data?: unknown };

describe.each(TARGETS)('composite tree (%s)', (_name, start) => {
  let target: Target;
  let t: TargetOrg;
  beforeAll(async () => {
    target = await start();
  });
  afterAll(() => target.close());

  const tree = (object: string, records: unknown[]) => t.conn.requestPost<TreeAnswer>(`/composite/tree/${object}`, { records });
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: Failure) => e,
    );
  const count = async (object: string) => (await t.conn.query(`SELECT COUNT() FROM ${object}`)).totalSize;

  it('creates roots and nested children in request order, linking children to their parent, counted once', async () => {
    t = await target.newOrg();
    const before = t.requests();
    const answer = await tree('Account', [
      {
        attributes: { type: 'Account', referenceId: 'acme' },
        Name: 'Acme',
        Contacts: {
          records: [
            { attributes: { type: 'Contact', referenceId: 'ada' }, LastName: 'Ada' },
            { attributes: { type: 'Contact', referenceId: 'bob' }, LastName: 'Bob' },
          ],
        },
        Opportunities: { records: [{ attributes: { type: 'Opportunity', referenceId: 'deal' }, Name: 'Deal', StageName: 'Prospecting', CloseDate: '2026-12-31' }] },
      },
      { attributes: { type: 'Account', referenceId: 'solo' }, Name: 'Solo' },
    ]);
    expect(t.requests()).toBe(before + 1);
    expect(answer.hasErrors).toBe(false);
    expect(answer.results.map((r) => r.referenceId)).toEqual(['acme', 'ada', 'bob', 'deal', 'solo']);
    const acme = answer.results[0]!.id!;
    expect(acme).toMatch(/^001/);
    const { records } = await t.conn.query<{ LastName: string; AccountId: string }>('SELECT LastName, AccountId FROM Contact ORDER BY LastName');
    expect(records.map((r) => [r.LastName, r.AccountId])).toEqual([
      ['Ada', acme],
      ['Bob', acme],
    ]);
    expect(await count('Opportunity')).toBe(1);
  });

  it('is all or nothing: a failing record rolls back the rest, and the answer names only it', async () => {
    t = await target.newOrg();
    const records = [{ attributes: { type: 'Account', referenceId: 'ok' }, Name: 'Fine', Contacts: { records: [{ attributes: { type: 'Contact', referenceId: 'bad' }, FirstName: 'No last name' }] } }];
    const res = await apiRequest(`${t.instanceUrl}/services/data/v62.0/composite/tree/Account`, t.accessToken, { method: 'POST', json: { records } });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ hasErrors: true, results: [{ referenceId: 'bad', errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: expect.any(String) as unknown, fields: ['LastName'] }] }] });
    expect(await count('Account')).toBe(0);
    expect(await count('Contact')).toBe(0);
  });

  it('refuses duplicate referenceIds, a wrong type, more than 200 records and trees deeper than 5, writing nothing', async () => {
    t = await target.newOrg();
    const acct = (ref: string, extra: object = {}) => ({ attributes: { type: 'Account', referenceId: ref }, Name: ref, ...extra });
    expect(await failure(tree('Account', [acct('a'), acct('a')]))).toBeDefined();
    expect(await failure(tree('Account', [{ attributes: { type: 'Contact', referenceId: 'x' }, LastName: 'x' }]))).toBeDefined();
    expect(await failure(tree('Account', [{ Name: 'no attributes' }]))).toBeDefined();
    const many = Array.from({ length: 201 }, (_, i) => acct(`r${i}`));
    expect((await failure(tree('Account', many)))?.errorCode).toBe('LIMIT_EXCEEDED');
    let deep: object = acct('d6');
    for (let level = 5; level >= 1; level--) deep = acct(`d${level}`, { ChildAccounts: { records: [deep] } });
    expect((await failure(tree('Account', [deep])))?.errorCode).toBe('INVALID_INPUT');
    expect((await failure(tree('Nope', [acct('n')])))?.errorCode).toBe('NOT_FOUND');
    expect(await count('Account')).toBe(0);
    expect((await tree('Account', many.slice(0, 200))).results).toHaveLength(200);
  });
});
