/**
 * Issue 9.1: an org deleted and re-created with credentials of ANOTHER Salesforce org, seen by two API
 * instances sharing one Redis. Each instance holds a warm connection to the old Salesforce org (and,
 * in the first run, keeps orgs in its in-process cache for a minute): the next push from either must land in the
 * new org, and the old org must receive nothing more. Run without the org cache too, so the connection
 * pool's own check (incarnation + credentials, not the revision) is proven apart from the invalidation.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../support/sandbox.ts';
import { connectedOrg, limiterTotal, sandboxCredentials, startApi, uniqueOrgId, type RunningApi } from '../support/api.ts';

describe.each([60_000, 0])('org deleted and re-created, two instances, org cache %i ms', (orgCacheMs) => {
  let sandbox: RunningSandbox;
  const apis: RunningApi[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox();
    const adminKey = `cb_test_recreated_${Date.now()}`;
    // A long org cache: only a cross-instance invalidation can make the other instance notice in time.
    for (let i = 0; i < 2; i++) apis.push(await startApi({ redisUrl: inject('redisUrl'), adminKey, services: { orgCacheMs } }));
  });
  afterAll(async () => {
    await Promise.all(apis.map((api) => api.close()));
    await sandbox.close();
  });

  const call = (api: RunningApi, method: string, path: string, body?: unknown) =>
    fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${api.adminKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const push = (api: RunningApi, orgId: string, lastName: string) => call(api, 'POST', `/v1/orgs/${orgId}/sync/leads`, { operation: 'create', records: [{ lastName, company: 'Acme' }] });
  /** Record writes (sObject Collections) a Salesforce org received. */
  const writes = (sfOrgId: string) => sandbox.control.groundTruth(sfOrgId, { limit: 10_000 }).calls.filter((c) => c.method === 'POST' && c.path.includes('/composite/sobjects')).length;

  it('the next push from either instance lands in the new org; the old one receives nothing', async () => {
    const [a, b] = [apis[0]!, apis[1]!];
    const orgId = uniqueOrgId('acme');
    const { sf: oldSf } = await connectedOrg(a, sandbox, { id: orgId });
    // Both instances hold a warm connection (and a cached copy of the org).
    expect((await push(a, orgId, 'Before A')).status).toBe(200);
    expect((await push(b, orgId, 'Before B')).status).toBe(200);
    expect(writes(oldSf.orgId)).toBe(2);

    expect((await call(a, 'DELETE', `/v1/orgs/${orgId}`)).status).toBe(204);
    const newSf = sandbox.control.createOrg({});
    const created = await call(a, 'POST', '/v1/orgs', { id: orgId, name: 'Acme again', salesforce: sandboxCredentials(newSf) });
    expect(created.status).toBe(201);

    const afterB = await push(b, orgId, 'After B');
    const afterA = await push(a, orgId, 'After A');
    expect([afterB.status, afterA.status]).toEqual([200, 200]);
    expect(writes(newSf.orgId)).toBe(2);
    expect(writes(oldSf.orgId)).toBe(2);
    // The re-created org starts with its own window: the credential check and two pushes.
    expect(await limiterTotal(b, orgId)).toBe(sandbox.control.groundTruth(newSf.orgId).counted);
  }, 60_000);
});
