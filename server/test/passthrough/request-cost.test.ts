/** What a passthrough request costs, from its method, path and body, before it is sent. */
import { describe, expect, it } from 'vitest';
import { MAX_BATCH_BODY_BYTES, requestCost } from '../../src/passthrough/request-cost.ts';
import { ORG_MOUNT } from '../../src/passthrough/mounts.ts';
import { upstreamTarget } from '../../src/passthrough/upstream-target.ts';

const target = (path: string) => upstreamTarget(`/v1/orgs/org-1/salesforce${path}`, ORG_MOUNT.prefixSegments);
const batchOf = (n: number): Buffer => Buffer.from(JSON.stringify({ batchRequests: Array.from({ length: n }, () => ({ method: 'GET', url: 'v62.0/limits' })) }));
const BATCH = '/services/data/v62.0/composite/batch';

describe('requestCost', () => {
  it('counts a composite batch once per subrequest, 1 to 25', () => {
    for (const n of [1, 2, 24, 25]) expect(requestCost('POST', target(BATCH), batchOf(n))).toBe(n);
    expect(requestCost('POST', target(`${BATCH}/`), batchOf(7))).toBe(7);
    expect(requestCost('POST', target(`/${BATCH}`), batchOf(3))).toBe(3);
  });

  it('counts once what Salesforce refuses whole: not JSON, no subrequests, more than 25, too big to be a batch', () => {
    expect(requestCost('POST', target(BATCH), Buffer.from('{"batchRequests": ['))).toBe(1);
    expect(requestCost('POST', target(BATCH), Buffer.from('{"batchRequests": {}}'))).toBe(1);
    expect(requestCost('POST', target(BATCH), Buffer.from('null'))).toBe(1);
    expect(requestCost('POST', target(BATCH), batchOf(0))).toBe(1);
    expect(requestCost('POST', target(BATCH), batchOf(26))).toBe(1);
    const padded = Buffer.concat([batchOf(5).subarray(0, -1), Buffer.from(`,"pad":"${'x'.repeat(MAX_BATCH_BODY_BYTES)}"}`)]);
    expect(requestCost('POST', target(BATCH), padded)).toBe(1);
    expect(requestCost('POST', target(BATCH), undefined)).toBe(1);
  });

  it('counts every other request once: Composite, sObject Tree, a batch read with GET, look-alike paths', () => {
    const body = batchOf(5);
    expect(requestCost('POST', target('/services/data/v62.0/composite'), body)).toBe(1);
    expect(requestCost('POST', target('/services/data/v62.0/composite/tree/Account'), body)).toBe(1);
    expect(requestCost('GET', target(BATCH), undefined)).toBe(1);
    expect(requestCost('POST', target(`${BATCH}/extra`), body)).toBe(1);
    expect(requestCost('POST', target('/services/apexrest/composite/batch'), body)).toBe(1);
  });
});
