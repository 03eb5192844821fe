import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSandboxApp } from '../app.ts';
import type { OrgInfo } from '../types.ts';
import { isValidEighteen } from './ids.ts';
import { apiRequest, standInDataRoutes, standInOrgData, startTestSandbox, type RawResponse } from './test-support.ts';

type Sandbox = Awaited<ReturnType<typeof startTestSandbox>>;
const KEY = 'test-control-key';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ controlKey: KEY });
});
afterAll(() => sandbox.close());

/** A control API call with the key. */
function control(method: string, path: string, json?: unknown, key: string | null = KEY): Promise<RawResponse> {
  const headers: Record<string, string> = key === null ? {} : { 'x-sandbox-key': key };
  return apiRequest(`${sandbox.url}/_sandbox${path}`, undefined, { method, json, headers });
}

async function newOrg(spec: object = {}): Promise<OrgInfo> {
  const res = await control('POST', '/orgs', spec);
  expect(res.status).toBe(201);
  return res.json() as OrgInfo;
}

describe('/_sandbox orgs', () => {
  it('creates an org with Salesforce-shaped ids and everything a client needs to log in', async () => {
    const org = await newOrg({ dailyLimit: 50, username: 'ops@acme.example', password: 'pw' });
    expect(org.orgId).toMatch(/^00D/);
    expect(org.userId).toMatch(/^005/);
    expect(isValidEighteen(org.orgId) && isValidEighteen(org.userId)).toBe(true);
    expect(org).toMatchObject({ username: 'ops@acme.example', password: 'pw', instanceUrl: sandbox.url, loginUrl: sandbox.url });
    expect((await apiRequest(`${sandbox.url}/services/data/v62.0/limits`, org.accessToken)).status).toBe(200);
    const view = (await control('GET', `/orgs/${org.orgId}`)).json();
    expect(view).toMatchObject({ orgId: org.orgId, settings: { dailyLimit: 50 }, usage: { used: 1, max: 50 } });
  });

  it('requires the control key when one is set', async () => {
    expect((await control('GET', '/orgs', undefined, null)).status).toBe(401);
    expect((await control('GET', '/orgs', undefined, 'wrong')).json()).toMatchObject({ error: 'UNAUTHORIZED' });
  });

  it('rejects bad bodies with 400 and a readable message, never 500', async () => {
    const bad: [string, string, unknown][] = [
      ['POST', '/orgs', { dailyLimit: -1 }],
      ['POST', '/orgs', { dailyLimit: 'many' }],
      ['POST', '/orgs', { surprise: true }],
      ['POST', '/orgs', [1, 2]],
      ['POST', '/orgs', { jwtPublicKey: 'not a key' }],
      ['POST', '/orgs', { customFields: [{ object: 'Lead', name: 'Score', type: 'double' }] }],
      ['POST', '/clock/advance', { ms: -5 }],
      ['POST', '/clock/advance', 'soon'],
    ];
    for (const [method, path, body] of bad) {
      const res = await control(method, path, body);
      expect([path, JSON.stringify(body), res.status]).toEqual([path, JSON.stringify(body), 400]);
      expect((res.json() as { message: string }).message.length).toBeGreaterThan(5);
    }
    const malformed = await apiRequest(`${sandbox.url}/_sandbox/orgs`, undefined, { method: 'POST', body: '{', headers: { 'x-sandbox-key': KEY } });
    expect(malformed.json()).toMatchObject({ error: 'JSON_PARSER_ERROR' });
    expect((await control('GET', '/orgs/00D000000000000AAA')).status).toBe(404);
    expect((await control('GET', '/nope')).status).toBe(404);
    expect((await control('PUT', '/orgs')).status).toBe(405);
    await newOrg({ username: 'taken@x.example' });
    expect((await control('POST', '/orgs', { username: 'taken@x.example' })).status).toBe(409);
  });

  it('patches limit, rate and latency; reset brings usageAtStart back and clears the rest; delete ends the tokens', async () => {
    const org = await newOrg({ dailyLimit: 100, usageAtStart: 24 });
    await apiRequest(`${sandbox.url}/services/data/v62.0/sobjects/Lead`, org.accessToken, { method: 'POST', json: { LastName: 'A' } });
    await control('POST', `/orgs/${org.orgId}/faults`, { kind: 'error', count: 5 });
    const patched = (await control('PATCH', `/orgs/${org.orgId}`, { dailyLimit: 200, otherIntegrationsPerHour: 10, latencyMs: 0 })).json();
    expect(patched).toMatchObject({ settings: { dailyLimit: 200, otherIntegrationsPerHour: 10 }, usage: { used: 25, max: 200 } });
    expect((patched as { faults: { callFaults: unknown[] } }).faults.callFaults).toHaveLength(1);

    const reset = (await control('POST', `/orgs/${org.orgId}/reset`)).json();
    expect(reset).toMatchObject({ usage: { used: 24, own: 0 }, faults: { callFaults: [] } });
    expect((await control('GET', `/orgs/${org.orgId}/ground-truth`)).json()).toMatchObject({ total: 0, calls: [] });

    expect((await control('DELETE', `/orgs/${org.orgId}`)).status).toBe(204);
    expect((await control('GET', `/orgs/${org.orgId}`)).status).toBe(404);
    expect((await apiRequest(`${sandbox.url}/services/data/v62.0/limits`, org.accessToken)).status).toBe(401);
  });
});

describe('/_sandbox records, fields, faults, sessions, usage, ground truth, clock', () => {
  it('seeds records through OrgData.seed and adds custom fields', async () => {
    const org = await newOrg();
    const seeded = await control('POST', `/orgs/${org.orgId}/records/Lead`, [{ LastName: 'A' }, { LastName: 'B' }]);
    expect(seeded.status).toBe(201);
    expect((seeded.json() as { ids: string[] }).ids).toHaveLength(2);
    expect((await control('POST', `/orgs/${org.orgId}/records/Lead`, { records: [{ LastName: 'C' }] })).status).toBe(201);
    expect((await control('POST', `/orgs/${org.orgId}/records/Bad%20Name`, [{}])).status).toBe(400);
    const fields = await control('POST', `/orgs/${org.orgId}/custom-fields`, { fields: [{ object: 'Lead', name: 'Score__c', type: 'double' }] });
    expect(fields.json()).toEqual({ added: 1 });
    expect((await control('POST', `/orgs/${org.orgId}/custom-fields`, { object: 'Nope', name: 'X__c', type: 'string' })).status).toBe(400);
  });

  it('adds, lists and clears faults; invalidates sessions and hands out a fresh ready token', async () => {
    const org = await newOrg();
    expect((await control('POST', `/orgs/${org.orgId}/faults`, { kind: 'hang' })).status).toBe(400);
    expect((await control('POST', `/orgs/${org.orgId}/faults`, { kind: 'invalid-session', count: 2 })).status).toBe(201);
    expect((await control('GET', `/orgs/${org.orgId}/faults`)).json()).toMatchObject({ invalidSessionsLeft: 2 });
    expect((await control('DELETE', `/orgs/${org.orgId}/faults`)).status).toBe(204);
    expect((await control('POST', `/orgs/${org.orgId}/sessions/invalidate`)).json()).toEqual({ invalidated: 1 });
    expect((await apiRequest(`${sandbox.url}/services/data/v62.0/limits`, org.accessToken)).status).toBe(401);
    const fresh = (await control('GET', `/orgs/${org.orgId}`)).json() as OrgInfo;
    expect(fresh.accessToken).not.toBe(org.accessToken);
    expect((await apiRequest(`${sandbox.url}/services/data/v62.0/limits`, fresh.accessToken, { headers: { 'sforce-call-options': 'client=SyncEngine/1.0' } })).status).toBe(200);

    const usage = (await control('GET', `/orgs/${org.orgId}/usage`)).json();
    expect(usage).toMatchObject({ used: 1, max: 15000, remaining: 14999 });
    const truth = (await control('GET', `/orgs/${org.orgId}/ground-truth?limit=1&offset=1`)).json();
    expect(truth).toMatchObject({
      total: 2,
      counted: 1,
      byMethodPath: [{ method: 'GET', path: '/services/data/v62.0/limits', count: 2 }],
      calls: [{ method: 'GET', status: 200, counted: true, client: 'SyncEngine/1.0', orgId: org.orgId, time: sandbox.clock.now() }],
    });
    expect((await control('GET', `/orgs/${org.orgId}/ground-truth?limit=-1`)).status).toBe(400);
  });

  it('moves a manual clock', async () => {
    const before = sandbox.clock.now();
    expect((await control('POST', '/clock/advance', { ms: 1500 })).json()).toEqual({ now: before + 1500 });
    expect((await control('GET', '/clock')).json()).toEqual({ now: before + 1500 });
  });
});

describe('buildSandboxApp without listening', () => {
  it('serves inject() and refuses to move the system clock', async () => {
    const app = buildSandboxApp({ createOrgData: standInOrgData, dataRoutes: standInDataRoutes });
    const org = app.sandboxControl.createOrg();
    const limits = await app.inject({ url: '/services/data/v62.0/limits', headers: { authorization: `Bearer ${org.accessToken}` } });
    expect(limits.statusCode).toBe(200);
    expect(limits.headers['sforce-limit-info']).toBe('api-usage=1/15000');
    const advance = await app.inject({ method: 'POST', url: '/_sandbox/clock/advance', payload: { ms: 1 } });
    expect(advance.statusCode).toBe(409);
    expect(app.sandboxControl.groundTruth(org.orgId).total).toBe(1);
    const pair = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => app.sandboxControl.createOrg({ jwtPublicKey: pair.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString() })).not.toThrow();
    await app.close();
  });
});
