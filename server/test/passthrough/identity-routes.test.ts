/**
 * The identity and userinfo callbudget serves for an org, in the cases the canary test does not
 * reach: an org connected with a stored access token (no identity URL from a login), an expired
 * session, an identity of someone else, and input refused before Salesforce is asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../support/sandbox.ts';
import { useStack } from '../support/stack.ts';
import type { OrgInfo } from '../support/sandbox.ts';
import { createIdentityService, IDENTITY_TTL_MS } from '../../src/passthrough/identity-service.ts';
import { connectedOrg, limiterTotal, uniqueOrgId, type RunningApi } from '../support/api.ts';
import { clientFor, salesforceError } from './support.ts';
import { captureSandboxRequests } from './sandbox-capture.ts';

describe('identity served by callbudget', () => {
  const stack = useStack();
  let sandbox: RunningSandbox;
  let api: RunningApi;
  let capture: ReturnType<typeof captureSandboxRequests>;

  beforeAll(async () => {
    ({ sandbox, api } = stack);
    capture = captureSandboxRequests(sandbox.server);
  });
  afterAll(async () => {
    capture?.stop();
  });

  const get = (orgId: string, path: string): Promise<Response> => fetch(`${api.url}/v1/orgs/${orgId}/salesforce${path}`, { headers: { authorization: `Bearer ${api.adminKey}` } });

  it('for a stored access token, finds the identity URL with one counted discovery call, then serves it from memory', async () => {
    const sf: OrgInfo = sandbox.control.createOrg();
    const orgId = uniqueOrgId();
    const created = await fetch(`${api.url}/v1/orgs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: orgId, name: 'Token org', plan: 'advanced', salesforce: { kind: 'access-token', instanceUrl: sf.instanceUrl, accessToken: sf.accessToken } }),
    });
    expect(created.status).toBe(201);
    const before = { limiter: await limiterTotal(api, orgId), counted: sandbox.control.groundTruth(sf.orgId).counted };
    const client = clientFor(api, orgId);
    const identity = (await client.identity()) as unknown as { id: string; user_id: string };
    expect(identity.user_id).toBe(sf.userId);
    expect(identity.id).toBe(`${api.url}/v1/orgs/${orgId}/salesforce/id/${sf.orgId}/${sf.userId}`);
    await client.identity();
    // jsforce's own discovery call and ours: Salesforce counts both; the identity service nothing.
    expect(sandbox.control.groundTruth(sf.orgId).counted - before.counted).toBe(2);
    expect((await limiterTotal(api, orgId)) - before.limiter).toBe(2);
    expect(capture.requests.filter((r) => r.url.startsWith(`/id/${sf.orgId}/`))).toHaveLength(1);
  });

  it('refreshes an expired session once to ask for the identity', async () => {
    const { orgId, sf } = await connectedOrg(api, sandbox);
    // Open the org's connection, then expire its session before the identity is first asked for.
    expect((await get(orgId, '/services/data/v62.0/limits')).status).toBe(200);
    sandbox.control.invalidateSessions(sf.orgId);
    const response = await get(orgId, `/id/${sf.orgId}/${sf.userId}?format=json`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { user_id: string }).user_id).toBe(sf.userId);
    expect(response.headers.get('cache-control')).toBe('no-store, private');
    expect(capture.requests.filter((r) => r.url.startsWith(`/id/${sf.orgId}/`))).toHaveLength(2);
  });

  it('keeps an identity for an hour, then asks Salesforce again', async () => {
    const { orgId, sf } = await connectedOrg(api, sandbox);
    let now = 1_000_000;
    const identities = createIdentityService({ pool: api.services.pool, now: () => now });
    const org = (await api.services.orgs.get(orgId))!;
    const asked = (): number => capture.requests.filter((r) => r.url.startsWith(`/id/${sf.orgId}/`)).length;
    await identities.get(org, 'identity');
    now += IDENTITY_TTL_MS;
    expect((await identities.get(org, 'identity')).body.user_id).toBe(sf.userId);
    expect(asked()).toBe(1);
    now += 1;
    await identities.get(org, 'identity');
    expect(asked()).toBe(2);
  });

  it("answers 404 for another user's identity, and 400 before any Salesforce request for bad input", async () => {
    const { orgId, sf } = await connectedOrg(api, sandbox);
    expect((await get(orgId, `/id/${sf.orgId}/005000000000000AAA`)).status).toBe(404);
    const received = capture.requests.length;
    for (const path of [`/id/${sf.orgId}/not-an-id`, `/id/${sf.orgId}/${sf.userId}?format=xml`]) {
      const response = await get(orgId, path);
      expect(response.status).toBe(400);
      expect(salesforceError({ headers: response.headers, body: await response.text() }).errorCode).toBe('INVALID_INPUT');
    }
    expect((await fetch(`${api.url}/v1/orgs/${orgId}/salesforce/services/oauth2/userinfo`)).status).toBe(401);
    expect(capture.requests.length).toBe(received);
  });
});
