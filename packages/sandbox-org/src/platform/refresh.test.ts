import { Connection } from 'jsforce';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OrgInfo } from '../types.ts';
import { RequestCounter, rawRequest, startTestSandbox } from './test-support.ts';

type Sandbox = Awaited<ReturnType<typeof startTestSandbox>>;

let sandbox: Sandbox;
let org: OrgInfo;
let refreshToken: string;
let counter: RequestCounter;

/** A connection that holds a refresh token, as the product keeps one per org. */
function refreshingConnection(): Connection {
  return new Connection({
    instanceUrl: org.instanceUrl,
    accessToken: org.accessToken,
    refreshToken,
    oauth2: { clientId: org.clientId, clientSecret: org.clientSecret, loginUrl: sandbox.url },
    version: '62.0',
  });
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  org = sandbox.control.createOrg({ dailyLimit: 100 });
  const res = await rawRequest(`${sandbox.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: org.clientId, client_secret: org.clientSecret, username: org.username, password: org.password }).toString(),
  });
  refreshToken = (res.json() as { refresh_token: string }).refresh_token;
});
beforeEach(() => {
  sandbox.control.resetOrg(org.orgId);
  // getOrg hands out a live token again after a test invalidated the previous one.
  org = { ...org, accessToken: sandbox.control.getOrg(org.orgId).accessToken };
  counter = new RequestCounter(sandbox.url);
});
afterEach(() => counter.dispose());
afterAll(() => sandbox.close());

describe('session refresh after INVALID_SESSION_ID', () => {
  it('jsforce refreshes and replays; the ground truth shows exactly the three requests', async () => {
    const conn = refreshingConnection();
    const refreshed: string[] = [];
    conn.on('refresh', (token: string) => refreshed.push(token));
    sandbox.control.addFault(org.orgId, { kind: 'invalid-session', count: 1 });

    const limits = await conn.limits();

    expect(refreshed).toHaveLength(1);
    expect(conn.accessToken).toBe(refreshed[0]);
    expect(refreshed[0]).not.toBe(org.accessToken);
    // The 401 was not counted (an expired session never reaches the org's quota); the replay was.
    expect(limits.DailyApiRequests).toEqual({ Max: 100, Remaining: 99 });
    expect(counter.count).toBe(3);
    const truth = sandbox.control.groundTruth(org.orgId);
    expect(truth.calls.map(({ method, path, status, counted }) => ({ method, path, status, counted }))).toEqual([
      { method: 'GET', path: '/services/data/v62.0/limits', status: 401, counted: false },
      { method: 'POST', path: '/services/oauth2/token', status: 200, counted: false },
      { method: 'GET', path: '/services/data/v62.0/limits', status: 200, counted: true },
    ]);
    expect(truth).toMatchObject({ total: 3, counted: 1 });
    expect(truth.byMethodPath).toEqual([
      { method: 'GET', path: '/services/data/v62.0/limits', count: 2 },
      { method: 'POST', path: '/services/oauth2/token', count: 1 },
    ]);
  });

  it('refreshes after the control API invalidates every session of the org', async () => {
    const conn = refreshingConnection();
    await conn.limits();
    expect(sandbox.control.invalidateSessions(org.orgId).invalidated).toBeGreaterThanOrEqual(1);
    let refreshes = 0;
    conn.on('refresh', () => refreshes++);
    await conn.limits();
    expect(refreshes).toBe(1);
    expect(counter.count).toBe(4);
    expect(sandbox.control.groundTruth(org.orgId).total).toBe(4);
    expect(sandbox.control.usage(org.orgId).used).toBe(2);
  });

  it('invalidates one session only when asked for that token', async () => {
    const conn = refreshingConnection();
    await conn.limits();
    const second = await rawRequest(`${sandbox.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: org.clientId, client_secret: org.clientSecret }).toString(),
    });
    const otherToken = (second.json() as { access_token: string }).access_token;
    expect(sandbox.control.invalidateSessions(org.orgId, { accessToken: conn.accessToken! })).toEqual({ invalidated: 1 });
    const dead = await rawRequest(`${sandbox.url}/services/data/v62.0/limits`, { headers: { authorization: `Bearer ${conn.accessToken!}` } });
    const alive = await rawRequest(`${sandbox.url}/services/data/v62.0/limits`, { headers: { authorization: `Bearer ${otherToken}` } });
    expect([dead.status, alive.status]).toEqual([401, 200]);
    expect(sandbox.control.groundTruth(org.orgId).total).toBe(counter.count);
  });

  it('without a refresh token jsforce surfaces INVALID_SESSION_ID', async () => {
    const conn = new Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: '62.0' });
    sandbox.control.addFault(org.orgId, { kind: 'invalid-session', count: 1 });
    await expect(conn.limits()).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' });
    // The fault is spent: the same token works again.
    await expect(conn.limits()).resolves.toHaveProperty('DailyApiRequests');
    expect(sandbox.control.groundTruth(org.orgId).total).toBe(counter.count);
  });

  it('refuses a refresh token of another org, or a garbage one', async () => {
    const stranger = sandbox.control.createOrg();
    const res = await rawRequest(`${sandbox.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: stranger.clientId, refresh_token: refreshToken }).toString(),
    });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid_grant', error_description: 'expired access/refresh token' });
  });
});
