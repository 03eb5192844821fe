import { Connection } from 'jsforce';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OrgInfo } from '../types.ts';
import { DAY_MS } from './call-series.ts';
import { RequestCounter, apiRequest, rawRequest, startTestSandbox } from './test-support.ts';

type Sandbox = Awaited<ReturnType<typeof startTestSandbox>>;
const HOUR = 3_600_000;

let sandbox: Sandbox;
let counter: RequestCounter;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
beforeEach(() => {
  counter = new RequestCounter(sandbox.url);
});
afterEach(() => counter.dispose());
afterAll(() => sandbox.close());

const connect = (org: OrgInfo) => new Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: '62.0' });

describe('usage reporting', () => {
  it('conn.limits() and conn.limitInfo.apiUsage match the window, this call included', async () => {
    const org = sandbox.control.createOrg({ dailyLimit: 500 });
    const conn = connect(org);
    for (let i = 1; i <= 3; i++) {
      const limits = await conn.limits();
      expect(limits.DailyApiRequests).toEqual({ Max: 500, Remaining: 500 - i });
      expect(conn.limitInfo.apiUsage).toEqual({ used: i, limit: 500 });
    }
    expect(Object.keys(await conn.limits()).length).toBeGreaterThan(40);
    expect(sandbox.control.usage(org.orgId)).toMatchObject({ used: 4, max: 500, own: 4 });
    expect(sandbox.control.groundTruth(org.orgId)).toMatchObject({ total: 4, counted: 4 });
    expect(counter.count).toBe(4);
  });

  it('serves /limits/ with a trailing slash and the resources map, both counted', async () => {
    const org = sandbox.control.createOrg();
    const slash = await apiRequest(`${sandbox.url}/services/data/v62.0/limits/`, org.accessToken);
    expect(slash.headers['sforce-limit-info']).toBe('api-usage=1/15000');
    const resources = await apiRequest(`${sandbox.url}/services/data/v62.0/`, org.accessToken);
    expect(resources.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(resources.json()).toMatchObject({
      sobjects: '/services/data/v62.0/sobjects',
      query: '/services/data/v62.0/query',
      limits: '/services/data/v62.0/limits',
      identity: `${sandbox.url}/id/${org.orgId}/${org.userId}`,
    });
    expect(resources.headers['sforce-limit-info']).toBe('api-usage=2/15000');
  });

  it('lists versions without a session and without counting', async () => {
    const org = sandbox.control.createOrg();
    const res = await rawRequest(`${sandbox.url}/services/data/`);
    const versions = res.json() as { label: string; url: string; version: string }[];
    expect(versions.at(-1)).toEqual({ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' });
    expect(versions.find((v) => v.version === '59.0')?.label).toBe("Winter '24");
    expect(versions[0]?.version).toBe('31.0');
    expect(res.headers['sforce-limit-info']).toBeUndefined();
    expect(sandbox.control.usage(org.orgId).used).toBe(0);
    expect(sandbox.control.unattributedGroundTruth().calls.at(-1)).toMatchObject({ path: '/services/data/', counted: false, status: 200 });
  });

  it('shows usageAtStart and other integrations in /limits as time passes', async () => {
    const org = sandbox.control.createOrg({ dailyLimit: 15_000, usageAtStart: 2400, otherIntegrationsPerHour: 600 });
    const conn = connect(org);
    expect((await conn.limits()).DailyApiRequests).toEqual({ Max: 15_000, Remaining: 15_000 - 2400 - 1 });
    sandbox.clock.advance(HOUR);
    // An hour later: 100 of the 2,400 (one per 36 s) have left, 600 calls from others arrived.
    expect((await conn.limits()).DailyApiRequests?.Remaining).toBe(15_000 - (2300 + 600 + 2));
    expect(conn.limitInfo.apiUsage).toEqual({ used: 2300 + 600 + 2, limit: 15_000 });
    sandbox.control.updateOrg(org.orgId, { otherIntegrationsPerHour: 0, dailyLimit: 20_000 });
    sandbox.clock.advance(DAY_MS);
    expect((await conn.limits()).DailyApiRequests).toEqual({ Max: 20_000, Remaining: 20_000 - 1 });
    // Other integrations' calls never appear in the ground truth: only ours do.
    expect(sandbox.control.groundTruth(org.orgId).total).toBe(3);
  });
});

describe('REQUEST_LIMIT_EXCEEDED and the exact rolling release', () => {
  it('refuses once full, until exactly 24 h after the oldest calls, and frees only as many as were made then', async () => {
    const org = sandbox.control.createOrg({ dailyLimit: 20 });
    const conn = connect(org);
    const t0 = sandbox.clock.now();
    // 4 calls at t0, then 16 spread over the next 16 hours.
    for (let i = 0; i < 4; i++) await conn.limits();
    for (let i = 0; i < 16; i++) {
      sandbox.clock.advance(HOUR);
      await conn.limits();
    }
    expect(conn.limitInfo.apiUsage).toEqual({ used: 20, limit: 20 });
    const refused = await conn.limits().catch((error: unknown) => error);
    expect(refused).toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' });

    sandbox.clock.set(t0 + DAY_MS - 1);
    await expect(conn.limits()).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    expect(sandbox.control.usage(org.orgId)).toMatchObject({ used: 20, nextReleaseAt: t0 + DAY_MS });

    sandbox.clock.set(t0 + DAY_MS);
    for (let i = 0; i < 4; i++) await expect(conn.limits()).resolves.toHaveProperty('DailyApiRequests');
    await expect(conn.limits()).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });

    // The next single call is freed one hour later, at the release of the 5th call.
    sandbox.clock.advance(HOUR - 1);
    await expect(conn.limits()).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    sandbox.clock.advance(1);
    await expect(conn.limits()).resolves.toHaveProperty('DailyApiRequests');

    const truth = sandbox.control.groundTruth(org.orgId);
    expect(truth.total).toBe(counter.count);
    expect(truth.counted).toBe(25);
    expect(truth.calls.filter((c) => c.status === 403).every((c) => !c.counted)).toBe(true);
    expect(sandbox.control.usage(org.orgId).used).toBe(20);
  });

  it('puts the usage header on refusals too, and never counts them', async () => {
    const org = sandbox.control.createOrg({ dailyLimit: 1 });
    await apiRequest(`${sandbox.url}/services/data/v62.0/limits`, org.accessToken);
    const res = await apiRequest(`${sandbox.url}/services/data/v62.0/limits`, org.accessToken);
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(res.json()).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    expect(res.headers['sforce-limit-info']).toBe('api-usage=1/1');
    expect(sandbox.control.usage(org.orgId).used).toBe(1);
  });
});
