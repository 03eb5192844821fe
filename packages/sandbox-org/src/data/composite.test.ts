/** Composite: references between subrequests, allOrNone, and one HTTP request for all of it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS } from './test-targets.ts';
import type { Target, TargetOrg } from './test-targets.ts';

interface SubResponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

const V = '/services/data/v62.0';

describe.each(TARGETS)('Composite (%s)', (_name, start) => {
  let target: Target;
  let t: TargetOrg;
  const run = async (body: object) => (await t.conn.requestPost<{ compositeResponse: SubResponse[] }>('/composite', body)).compositeResponse;

  beforeAll(async () => {
    target = await start();
    t = await target.newOrg();
  });
  afterAll(() => target.close());

  it('chains subrequests with @{ref.id} and @{ref.records[0].Id} in one request', async () => {
    const before = t.requests();
    const out = await run({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'acct', body: { Name: 'Composite Co' } },
        { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'ct', body: { LastName: 'Ref', AccountId: '@{acct.id}' } },
        { method: 'GET', url: `${V}/query?q=SELECT+Id,AccountId+FROM+Contact+WHERE+Id='@{ct.id}'`, referenceId: 'q' },
        { method: 'PATCH', url: `${V}/sobjects/Contact/@{q.records[0].Id}`, referenceId: 'upd', body: { Title: 'Linked to @{acct.id}' } },
        { method: 'GET', url: `${V}/sobjects/Contact/@{ct.id}?fields=Title,AccountId`, referenceId: 'get' },
      ],
    });
    expect(t.requests() - before).toBe(1);
    expect(out.map((r) => r.httpStatusCode)).toEqual([201, 201, 200, 204, 200]);
    const accountId = (out[0]!.body as { id: string }).id;
    expect(out[0]!.httpHeaders['Location']).toBe(`${V}/sobjects/Account/${accountId}`);
    expect((out[2]!.body as { records: Array<Record<string, unknown>> }).records[0]!['AccountId']).toBe(accountId);
    expect(out[3]!.body).toBeNull();
    expect(out[4]!.body).toMatchObject({ Title: `Linked to ${accountId}`, AccountId: accountId });
  });

  it('with allOrNone, a failure rolls back and halts every other subrequest', async () => {
    const count = async () => (await t.conn.query("SELECT COUNT() FROM Account WHERE Name = 'Rollback'")).totalSize;
    const out = await run({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'a1', body: { Name: 'Rollback' } },
        { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'bad', body: { AccountId: '@{a1.id}' } },
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'a2', body: { Name: 'Rollback' } },
      ],
    });
    expect(out.map((r) => r.httpStatusCode)).toEqual([400, 400, 400]);
    expect((out[1]!.body as Array<{ errorCode: string }>)[0]!.errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect((out[0]!.body as Array<{ errorCode: string }>)[0]!.errorCode).toBe('PROCESSING_HALTED');
    expect((out[2]!.body as Array<{ errorCode: string }>)[0]!.errorCode).toBe('PROCESSING_HALTED');
    expect(await count()).toBe(0);
  });

  it('without allOrNone, keeps successes and halts only dependents of a failure', async () => {
    const out = await run({
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Lead`, referenceId: 'bad', body: { Company: 'no last name' } },
        { method: 'PATCH', url: `${V}/sobjects/Lead/@{bad.id}`, referenceId: 'dep', body: { Title: 'x' } },
        { method: 'POST', url: `${V}/sobjects/Lead`, referenceId: 'ok', body: { LastName: 'Fine', Company: 'c' } },
        { method: 'GET', url: `${V}/sobjects/Nope/describe`, referenceId: 'nf' },
      ],
    });
    expect(out.map((r) => r.httpStatusCode)).toEqual([400, 400, 201, 404]);
    expect((out[1]!.body as Array<{ errorCode: string }>)[0]!.errorCode).toBe('PROCESSING_HALTED');
  });

  it('runs sObject Collections inside Composite, all-or-none when the composite is', async () => {
    const out = await run({
      allOrNone: true,
      compositeRequest: [
        {
          method: 'POST',
          url: `${V}/composite/sobjects`,
          referenceId: 'coll',
          body: {
            allOrNone: false,
            records: [
              { attributes: { type: 'Lead' }, LastName: 'A', Company: 'c' },
              { attributes: { type: 'Lead' }, Company: 'c' },
            ],
          },
        },
      ],
    });
    expect(out[0]!.httpStatusCode).toBe(200);
    const results = out[0]!.body as Array<{ success: boolean; errors: Array<{ statusCode: string }> }>;
    expect(results.map((r) => r.errors[0]?.statusCode)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'REQUIRED_FIELD_MISSING']);
  });

  it('refuses more than 25 subrequests', async () => {
    const compositeRequest = Array.from({ length: 26 }, (_, i) => ({ method: 'GET', url: `${V}/sobjects/Lead/describe`, referenceId: `r${i}` }));
    const err = await run({ compositeRequest }).then(
      () => undefined,
      (e: { errorCode: string }) => e,
    );
    expect(err?.errorCode).toBeTypeOf('string');
  });
});
