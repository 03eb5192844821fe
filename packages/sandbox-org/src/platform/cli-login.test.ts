/**
 * What `sf org login access-token` sends before it saves an org (@salesforce/core AuthInfo:
 * retrieveUserInfo, determineIfDevHub, determineOrg), replayed over real HTTP with the CLI's URL shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { startSandbox, type RunningSandbox } from '../start.ts';
import type { OrgInfo } from '../types.ts';
import { apiRequest } from './test-support.ts';

let sandbox: RunningSandbox;
let org: OrgInfo;
beforeAll(async () => {
  sandbox = await startSandbox({ clock: new ManualClock() });
  org = sandbox.control.createOrg({ username: 'ops@acme.example' });
});
afterAll(() => sandbox.close());

describe('the sf CLI access-token login sequence', () => {
  it('userinfo names the user and org, and the User record it then reads has the same username', async () => {
    // The CLI keeps the instance URL with a trailing slash.
    const base = `${org.instanceUrl}/`;
    const info = await apiRequest(`${base}services/oauth2/userinfo`, org.accessToken);
    expect(info.status).toBe(200);
    const claims = info.json() as Record<string, unknown>;
    expect(claims).toMatchObject({ user_id: org.userId, organization_id: org.orgId, preferred_username: 'ops@acme.example' });
    const user = await apiRequest(`${base}services/data/v51.0/sobjects/User/${String(claims['user_id'])}`, org.accessToken);
    expect(user.status).toBe(200);
    expect(user.json()).toMatchObject({ Username: claims['preferred_username'] });
  });

  it('is not a Dev Hub: the ScratchOrgInfo query fails with INVALID_TYPE (a counted call, as in Salesforce)', async () => {
    const before = sandbox.control.usage(org.orgId).used;
    const res = await apiRequest(`${org.instanceUrl}/services/data/v51.0/query?q=SELECT%20Id%20FROM%20ScratchOrgInfo%20limit%201`, org.accessToken);
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject([{ errorCode: 'INVALID_TYPE' }]);
    expect(sandbox.control.usage(org.orgId).used).toBe(before + 1);
  });

  it('reads the Organization row through a doubled slash', async () => {
    const q = encodeURIComponent('SELECT Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix, OrganizationType FROM Organization');
    const res = await apiRequest(`${org.instanceUrl}//services/data/v62.0/query?q=${q}`, org.accessToken);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ totalSize: 1, records: [{ IsSandbox: true, OrganizationType: 'Developer Edition' }] });
  });

  it('userinfo and the identity URL are free, and refuse a bad token with 403 Bad_OAuth_Token', async () => {
    const before = sandbox.control.usage(org.orgId).used;
    const identity = await apiRequest(`${org.instanceUrl}/id/${org.orgId}/${org.userId}`, org.accessToken);
    expect(identity.json()).toMatchObject({ user_id: org.userId, organization_id: org.orgId, username: 'ops@acme.example' });
    await apiRequest(`${org.instanceUrl}//services/oauth2/userinfo`, org.accessToken);
    expect(sandbox.control.usage(org.orgId).used).toBe(before);
    const bad = await apiRequest(`${org.instanceUrl}/services/oauth2/userinfo`, `${org.orgId.slice(0, 15)}!nope`);
    expect(bad.status).toBe(403);
    expect(bad.text).toBe('Bad_OAuth_Token');
  });
});
