import { Connection } from 'jsforce';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OrgInfo } from '../types.ts';
import { RequestCounter, apiRequest, startTestSandbox } from './test-support.ts';

type Sandbox = Awaited<ReturnType<typeof startTestSandbox>>;

let sandbox: Sandbox;
let org: OrgInfo;
let counter: RequestCounter;
let api: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  api = `${sandbox.url}/services/data/v62.0`;
});
beforeEach(() => {
  org = sandbox.control.createOrg({ dailyLimit: 1000 });
  counter = new RequestCounter(sandbox.url);
});
afterEach(() => counter.dispose());
afterAll(() => sandbox.close());

const connect = () => new Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: '62.0' });
const truthOf = () => sandbox.control.groundTruth(org.orgId);

describe('injected 5xx', () => {
  it('answers the next N calls with a Salesforce-shaped 503, counted (the call reached the org)', async () => {
    sandbox.control.addFault(org.orgId, { kind: 'error', status: 503, count: 1 });
    const conn = connect();
    // POST is not retried by jsforce, so the client sees the failure.
    const error = await conn
      .sobject('Lead')
      .create({ LastName: 'A' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ errorCode: 'SERVER_UNAVAILABLE' });
    expect(conn.limitInfo.apiUsage).toEqual({ used: 1, limit: 1000 });
    await expect(conn.sobject('Lead').create({ LastName: 'B' })).resolves.toMatchObject({ success: true });
    expect(truthOf().calls.map((c) => [c.status, c.counted])).toEqual([
      [503, true],
      [201, true],
    ]);
    expect(counter.count).toBe(2);
  });

  it('jsforce retries a GET that got 500, and every retry is another counted call', async () => {
    sandbox.control.addFault(org.orgId, { kind: 'error', status: 500, count: 1, method: 'GET', pathContains: '/limits' });
    const limits = await connect().limits();
    expect(limits.DailyApiRequests).toEqual({ Max: 1000, Remaining: 998 });
    expect(truthOf().calls.map((c) => c.status)).toEqual([500, 200]);
    expect(counter.count).toBe(2);
    expect(sandbox.control.usage(org.orgId).used).toBe(2);
  });

  it('fails with a probability from a seeded RNG: the same seed gives the same failures', async () => {
    const pattern = async (target: OrgInfo): Promise<number[]> => {
      sandbox.control.addFault(target.orgId, { kind: 'error', status: 502, probability: 0.3, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await apiRequest(`${api}/limits`, target.accessToken)).status);
      return statuses;
    };
    const first = await pattern(org);
    const second = await pattern(sandbox.control.createOrg());
    expect(first).toEqual(second);
    expect(first.filter((s) => s === 502).length).toBeGreaterThan(3);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(10);
    // Probability faults last until cleared.
    sandbox.control.clearFaults(org.orgId);
    expect((await apiRequest(`${api}/limits`, org.accessToken)).status).toBe(200);
  });

  it('lets a fault carry its own errorCode and message', async () => {
    sandbox.control.addFault(org.orgId, { kind: 'error', status: 500, errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' });
    const res = await apiRequest(`${api}/sobjects/Lead`, org.accessToken, { method: 'POST', json: { LastName: 'x' } });
    expect(res.status).toBe(500);
    expect(res.json()).toEqual([{ message: 'unable to obtain exclusive access to this record', errorCode: 'UNABLE_TO_LOCK_ROW' }]);
    expect(res.headers['sforce-limit-info']).toBe('api-usage=1/1000');
  });
});

describe('injected hang', () => {
  it('holds the call, then closes the socket without an answer, while other calls go on', async () => {
    sandbox.control.addFault(org.orgId, { kind: 'hang', ms: 300, method: 'POST' });
    const started = Date.now();
    const hung = apiRequest(`${api}/sobjects/Lead`, org.accessToken, { method: 'POST', json: { LastName: 'x' } }).then(
      () => 'answered',
      (error: NodeJS.ErrnoException) => error.code,
    );
    // Served meanwhile: the hang blocks nothing else.
    const other = await apiRequest(`${api}/limits`, org.accessToken);
    expect(other.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(250);
    expect(await hung).toBe('ECONNRESET');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const calls = truthOf().calls;
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ status: 0, counted: true });
    expect(calls).toHaveLength(counter.count);
  });
});

describe('injected concurrent-request limit', () => {
  it('refuses calls beyond N in flight with REQUEST_LIMIT_EXCEEDED, not counted', async () => {
    sandbox.control.updateOrg(org.orgId, { latencyMs: 150 });
    sandbox.control.addFault(org.orgId, { kind: 'concurrency', maxInFlight: 2 });
    const results = await Promise.all([1, 2, 3].map(() => apiRequest(`${api}/limits`, org.accessToken)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 403]);
    const refused = results.find((r) => r.status === 403)!;
    expect(refused.json()).toEqual([{ message: 'ConcurrentRequests (Concurrent API Requests) Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    expect(refused.headers['sforce-limit-info']).toBeUndefined();
    expect(truthOf()).toMatchObject({ total: 3, counted: 2 });
    // Once they finish, slots are free again.
    expect((await apiRequest(`${api}/limits`, org.accessToken)).status).toBe(200);
    expect(sandbox.control.getOrg(org.orgId).faults.maxInFlight).toBe(2);
  });

  it('adds latency to every counted call', async () => {
    sandbox.control.updateOrg(org.orgId, { latencyMs: 120 });
    const started = Date.now();
    await apiRequest(`${api}/limits`, org.accessToken);
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
  });
});

describe('closing the sandbox', () => {
  it('does not wait for a pending hang', async () => {
    const own = await startTestSandbox();
    const target = own.control.createOrg();
    own.control.addFault(target.orgId, { kind: 'hang', ms: 60_000 });
    const hung = apiRequest(`${own.url}/services/data/v62.0/limits`, target.accessToken).catch((error: NodeJS.ErrnoException) => error.code);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await hung).toBe('ECONNRESET');
  });
});

describe('injected redirects and token answers', () => {
  it('answers matching data calls with a redirect, counted, and faithful answers again once cleared', async () => {
    sandbox.control.addFault(org.orgId, { kind: 'redirect', status: 307, location: 'http://elsewhere.invalid/limits', pathContains: '/limits', count: 1 });
    const headers = { authorization: `Bearer ${org.accessToken}` };
    const redirected = await fetch(`${api}/limits`, { headers, redirect: 'manual' });
    expect([redirected.status, redirected.headers.get('location')]).toEqual([307, 'http://elsewhere.invalid/limits']);
    expect((await fetch(`${api}/limits`, { headers, redirect: 'manual' })).status).toBe(200);
    expect(truthOf().calls.map((c) => [c.status, c.counted])).toEqual([
      [307, true],
      [200, true],
    ]);
  });

  it('makes the token endpoint name another instance_url and id, or redirect, until cleared', async () => {
    const login = () =>
      fetch(`${sandbox.url}/services/oauth2/token`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', client_id: org.clientId, client_secret: org.clientSecret, username: org.username, password: org.password }),
      });
    expect(await (await login()).json()).toMatchObject({ instance_url: sandbox.url });
    sandbox.control.addFault(org.orgId, { kind: 'token-answer', instanceUrl: 'http://elsewhere.invalid', idUrl: 'http://elsewhere.invalid/id/1/2' });
    expect(await (await login()).json()).toMatchObject({ instance_url: 'http://elsewhere.invalid', id: 'http://elsewhere.invalid/id/1/2', access_token: expect.any(String) });
    sandbox.control.addFault(org.orgId, { kind: 'token-answer', redirectTo: 'http://elsewhere.invalid/token' });
    const redirected = await login();
    expect([redirected.status, redirected.headers.get('location')]).toEqual([307, 'http://elsewhere.invalid/token']);
    expect(sandbox.control.getOrg(org.orgId).faults.tokenAnswer).toMatchObject({ redirectTo: 'http://elsewhere.invalid/token' });
    sandbox.control.clearFaults(org.orgId);
    expect(await (await login()).json()).toMatchObject({ instance_url: sandbox.url });
  });
});
