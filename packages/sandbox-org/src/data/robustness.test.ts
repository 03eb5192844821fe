/** Odd and hostile requests always get a Salesforce-shaped 4xx, never a 500. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS } from './test-targets.ts';
import type { Target, TargetOrg } from './test-targets.ts';

const V = '/services/data/v62.0';

describe.each(TARGETS)('robustness (%s)', (_name, start) => {
  let target: Target;
  let t: TargetOrg;
  const call = async (method: string, path: string, body?: string) => {
    const res = await fetch(`${t.instanceUrl}${V}${path}`, {
      method,
      ...(body === undefined ? {} : { body }),
      headers: { authorization: `Bearer ${t.accessToken}`, 'content-type': 'application/json' },
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type'), json: text === '' ? undefined : JSON.parse(text) };
  };

  beforeAll(async () => {
    target = await start();
    t = await target.newOrg();
  });
  afterAll(() => target.close());

  const cases: Array<[string, string, string | undefined]> = [
    ['POST', '/sobjects/Lead', '[1,2]'],
    ['POST', '/sobjects/Lead', '"text"'],
    ['POST', '/sobjects/Lead', '{"LastName":{"nested":1},"Company":"c"}'],
    ['POST', '/sobjects/Lead', '{"LastName":"x","Company":"c","CreatedDate":"yesterday"}'],
    ['POST', '/sobjects/Lead', '{"LastName":"x","Company":"c","NumberOfEmployees":1.5}'],
    ['POST', '/sobjects/Lead', '{"LastName":"x","Company":"c","AnnualRevenue":1e30}'],
    ['POST', '/sobjects/Lead', '{"LastName":"x","Company":"c","OwnerId":"001000000000000AAA"}'],
    ['POST', '/sobjects/Lead', '{"LastName":"x","Company":"c","Id":"00Q000000000000AAA"}'],
    ['POST', '/sobjects/User', '{"LastName":"x"}'],
    ['PATCH', '/sobjects/Lead/00Q000000000000AAA', '{"Title":"x"}'],
    ['PATCH', '/sobjects/Lead/NotAnId', '{"Title":"x"}'],
    ['DELETE', '/sobjects/Lead/00Q000000000000', undefined],
    ['PATCH', '/sobjects/Lead/Nope__c/1', '{}'],
    ['PATCH', '/sobjects/Lead/LastName/1', '{}'],
    ['GET', '/sobjects/Lead/00Q000000000000AAA?fields=Nope', undefined],
    ['POST', '/composite/sobjects', '{"records":"x"}'],
    ['POST', '/composite/sobjects', '{"records":[null]}'],
    ['POST', '/composite/sobjects', '{"records":[{"LastName":"no type"}]}'],
    ['POST', '/composite/sobjects', '{"records":[{"attributes":{"type":"Nope"}}]}'],
    ['PATCH', '/composite/sobjects', '{"records":[{"attributes":{"type":"Lead"},"Title":"no id"}]}'],
    ['DELETE', '/composite/sobjects', undefined],
    ['POST', '/composite/sobjects/Lead', '{"ids":"x"}'],
    ['PATCH', '/composite/sobjects/Lead/Nope__c', '{"records":[]}'],
    ['POST', '/composite', '{}'],
    ['POST', '/composite', '{"compositeRequest":[{"method":"GET","url":"/x","referenceId":"bad id"}]}'],
    ['POST', '/composite', '{"compositeRequest":[{"method":"GET","url":"/services/data/v62.0/sobjects/@{nope.id}","referenceId":"r"}]}'],
    ['POST', '/composite', '{"compositeRequest":[{"method":"POST","url":"/services/data/v62.0/composite","referenceId":"r","body":{}}]}'],
    ['GET', '/query', undefined],
    ['GET', '/query?q=SELECT', undefined],
    ['GET', '/query/garbage', undefined],
    ['GET', '/sobjects/Lead/describe/layouts', undefined],
  ];

  it.each(cases)('%s %s %s → 4xx JSON', async (method, path, body) => {
    const res = await call(method, path, body);
    expect(res.status).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.type).toBe('application/json;charset=UTF-8');
      expect(res.json[0]).toEqual(expect.objectContaining({ errorCode: expect.any(String), message: expect.any(String) }));
    } else {
      // Collections and Composite report per-item errors inside a 200.
      expect(JSON.stringify(res.json)).toMatch(/"(statusCode|errorCode)"/);
    }
  });
});
