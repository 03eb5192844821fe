/** Apex REST over real HTTP with jsforce's `conn.apex`: the echo class, defined classes, 404s, counting. */
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { startSandbox, type RunningSandbox } from '../start.ts';
import type { OrgInfo } from '../types.ts';
import { apiRequest } from './test-support.ts';

let sandbox: RunningSandbox;
let org: OrgInfo;
let conn: jsforce.Connection;
beforeAll(async () => {
  sandbox = await startSandbox({ clock: new ManualClock(), controlKey: 'k' });
  org = sandbox.control.createOrg({ dailyLimit: 100 });
  conn = new jsforce.Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: '62.0' });
});
afterAll(() => sandbox.close());

const used = () => sandbox.control.usage(org.orgId).used;
const code = (p: PromiseLike<unknown>) =>
  Promise.resolve(p).then(
    () => 'ok',
    (e: { errorCode?: string }) => e.errorCode,
  );

describe('/services/apexrest', () => {
  it('serves the built-in echo class, each call counted', async () => {
    const before = used();
    expect(await conn.apex.post('/echo/orders?x=1', { n: 1 })).toEqual({ method: 'POST', path: '/echo/orders', query: { x: '1' }, body: { n: 1 } });
    expect(await conn.apex.get('/echo')).toMatchObject({ method: 'GET', path: '/echo', body: null });
    expect(used()).toBe(before + 2);
    const last = sandbox.control.groundTruth(org.orgId).calls.at(-1);
    expect(last).toMatchObject({ path: '/services/apexrest/echo', counted: true, units: 1, status: 200 });
  });

  it('serves classes the control API defines (exact beats wildcard), over HTTP too', async () => {
    sandbox.control.defineApexRest(org.orgId, { urlMapping: '/Orders/*', methods: ['GET'], body: { kind: 'any order' } });
    const res = await apiRequest(`${org.instanceUrl}/_sandbox/orgs/${org.orgId}/apexrest`, undefined, {
      method: 'POST',
      json: { urlMapping: '/Orders/latest', status: 201, body: { kind: 'latest' } },
      headers: { 'x-sandbox-key': 'k' },
    });
    expect(res.status).toBe(201);
    expect(await conn.apex.get('/Orders/42')).toEqual({ kind: 'any order' });
    expect(await conn.apex.get('/Orders/latest')).toEqual({ kind: 'latest' });
    expect(await code(conn.apex.post('/Orders/42', {}))).toBe('METHOD_NOT_ALLOWED');
  });

  it('answers 404 NOT_FOUND for an unmapped path (still a counted call) and refuses a bad session uncounted', async () => {
    const before = used();
    const res = await apiRequest(`${org.instanceUrl}/services/apexrest/nothing/here`, org.accessToken);
    expect(res.status).toBe(404);
    expect(res.json()).toEqual([{ errorCode: 'NOT_FOUND', message: 'Could not find a match for URL /nothing/here' }]);
    expect(await code(conn.apex.get('/orders/42'))).toBe('NOT_FOUND'); // mappings are case-sensitive
    expect(used()).toBe(before + 2);
    const bad = await apiRequest(`${org.instanceUrl}/services/apexrest/echo`, 'nope');
    expect(bad.status).toBe(401);
    expect(used()).toBe(before + 2);
  });

  it('is refused with 403 REQUEST_LIMIT_EXCEEDED once the window is full, and takes injected faults', async () => {
    const full = sandbox.control.createOrg({ dailyLimit: 1, usageAtStart: 1 });
    const res = await apiRequest(`${full.instanceUrl}/services/apexrest/echo`, full.accessToken);
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject([{ errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    sandbox.control.addFault(org.orgId, { kind: 'error', status: 503, count: 1 });
    expect((await apiRequest(`${org.instanceUrl}/services/apexrest/echo`, org.accessToken)).status).toBe(503);
  });

  it('rejects a bad definition with 400', () => {
    expect(() => sandbox.control.defineApexRest(org.orgId, { urlMapping: 'no-slash' })).toThrow(/urlMapping/);
  });
});
