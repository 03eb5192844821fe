import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { Connection, OAuth2 } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgInfo } from '../types.ts';
import { JWT_BEARER } from './oauth-grants.ts';
import { RequestCounter, apiRequest, rawRequest, startTestSandbox } from './test-support.ts';

type Sandbox = Awaited<ReturnType<typeof startTestSandbox>>;

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

/** An RS256 JWT bearer assertion, signed as a connected app would. */
function assertion(claims: Record<string, unknown>, key: KeyObject = privateKey): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256' })}.${part(claims)}`;
  return `${unsigned}.${sign('sha256', Buffer.from(unsigned), key).toString('base64url')}`;
}

function formPost(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return rawRequest(`${url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

let sandbox: Sandbox;
let org: OrgInfo;
let counter: RequestCounter;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  org = sandbox.control.createOrg({ jwtPublicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
  counter = new RequestCounter(sandbox.url);
});
afterAll(async () => {
  counter.dispose();
  await sandbox.close();
});

describe('OAuth username-password flow through jsforce', () => {
  it('logs in, and the session works for the data API', async () => {
    const conn = new Connection({ loginUrl: sandbox.url, oauth2: { clientId: org.clientId, clientSecret: org.clientSecret, loginUrl: sandbox.url }, version: '62.0' });
    const user = await conn.login(org.username, org.password);
    expect(user).toMatchObject({ id: org.userId, organizationId: org.orgId });
    expect(conn.instanceUrl).toBe(sandbox.url);
    expect(conn.accessToken).toMatch(new RegExp(`^${org.orgId.slice(0, 15)}!AQ`));
    const limits = await conn.limits();
    expect(limits.DailyApiRequests).toEqual({ Max: 15000, Remaining: 14999 });
    const identity = await conn.identity();
    expect(identity).toMatchObject({ user_id: org.userId, organization_id: org.orgId, username: org.username });
  });

  it('answers exactly what Salesforce answers, with a refresh token and a checkable signature', async () => {
    const res = await formPost(sandbox.url, { grant_type: 'password', client_id: org.clientId, client_secret: org.clientSecret, username: org.username, password: org.password });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json;charset=UTF-8');
    const body = res.json() as Record<string, string>;
    expect(Object.keys(body)).toEqual(['access_token', 'refresh_token', 'signature', 'scope', 'instance_url', 'id', 'token_type', 'issued_at']);
    expect(body.id).toBe(`${sandbox.url}/id/${org.orgId}/${org.userId}`);
    expect(body.token_type).toBe('Bearer');
    expect(body.issued_at).toBe(String(sandbox.clock.now()));
    expect(body.signature).toBe(createHmac('sha256', org.clientSecret).update(`${body.id}${body.issued_at}`).digest('base64'));
  });

  it('refuses a bad password, an unknown client, a wrong secret and an unknown grant as Salesforce does', async () => {
    const login = (password: string) => new Connection({ loginUrl: sandbox.url, oauth2: { clientId: org.clientId, clientSecret: org.clientSecret, loginUrl: sandbox.url } }).login(org.username, password);
    await expect(login('wrong')).rejects.toMatchObject({ name: 'invalid_grant', message: 'authentication failure' });
    const base = { grant_type: 'password', client_id: org.clientId, client_secret: org.clientSecret, username: org.username, password: org.password };
    const cases: [Record<string, string>, string][] = [
      [{ ...base, client_id: 'nope' }, 'invalid_client_id'],
      [{ ...base, client_secret: 'nope' }, 'invalid_client'],
      [{ ...base, username: 'someone@else' }, 'invalid_grant'],
      [{ ...base, grant_type: 'authorization_code' }, 'unsupported_grant_type'],
      [{}, 'unsupported_grant_type'],
    ];
    for (const [fields, error] of cases) {
      const res = await formPost(sandbox.url, fields);
      expect(res.status).toBe(400);
      expect((res.json() as { error: string }).error).toBe(error);
    }
  });

  it('refuses SOAP login with a message that says how to configure jsforce', async () => {
    const conn = new Connection({ loginUrl: sandbox.url, version: '62.0' });
    await expect(conn.login(org.username, org.password)).rejects.toThrow(/oauth2: \{ clientId, clientSecret/);
  });
});

describe('OAuth JWT bearer flow', () => {
  const claims = (over: Record<string, unknown> = {}) => ({
    iss: org.clientId,
    sub: org.username,
    aud: 'https://login.salesforce.com',
    exp: Math.floor(sandbox.clock.now() / 1000) + 180,
    ...over,
  });

  it('authorizes a jsforce connection with a signed assertion', async () => {
    const conn = new Connection({ oauth2: { clientId: org.clientId, loginUrl: sandbox.url }, version: '62.0' });
    const user = await conn.authorize({ grant_type: JWT_BEARER, assertion: assertion(claims()) });
    expect(user).toMatchObject({ id: org.userId, organizationId: org.orgId });
    expect(conn.refreshToken).toBeUndefined();
    expect((await conn.limits()).DailyApiRequests?.Max).toBe(15000);
  });

  it('accepts test.salesforce.com and the sandbox URL as audience', async () => {
    const oauth2 = new OAuth2({ clientId: org.clientId, loginUrl: sandbox.url });
    for (const aud of ['https://test.salesforce.com', `${sandbox.url}/`, [sandbox.url, 'x']]) {
      await expect(oauth2.requestToken({ grant_type: JWT_BEARER, assertion: assertion(claims({ aud })) })).resolves.toMatchObject({ id: expect.stringContaining(org.userId) });
    }
  });

  it('refuses a bad signature, an expired assertion, a wrong audience or subject', async () => {
    const oauth2 = new OAuth2({ clientId: org.clientId, loginUrl: sandbox.url });
    const refused = (jwt: string) => oauth2.requestToken({ grant_type: JWT_BEARER, assertion: jwt });
    await expect(refused(assertion(claims(), otherKey))).rejects.toMatchObject({ name: 'invalid_grant', message: 'invalid assertion' });
    await expect(refused(assertion(claims({ exp: Math.floor(sandbox.clock.now() / 1000) })))).rejects.toMatchObject({ name: 'invalid_grant', message: 'expired authorization code' });
    await expect(refused(assertion(claims({ aud: 'https://evil.example' })))).rejects.toMatchObject({ name: 'invalid_grant', message: 'audience is invalid' });
    await expect(refused(assertion(claims({ sub: 'other@user' })))).rejects.toMatchObject({ name: 'invalid_grant' });
    await expect(refused(assertion(claims({ iss: 'unknown' })))).rejects.toMatchObject({ name: 'invalid_client_id' });
    await expect(refused('not.a.jwt')).rejects.toMatchObject({ name: 'invalid_grant' });
  });

  it('judges exp by the sandbox clock', async () => {
    const jwt = assertion(claims({ exp: Math.floor(sandbox.clock.now() / 1000) + 60 }));
    const oauth2 = new OAuth2({ clientId: org.clientId, loginUrl: sandbox.url });
    sandbox.clock.advance(60_000);
    await expect(oauth2.requestToken({ grant_type: JWT_BEARER, assertion: jwt })).rejects.toMatchObject({ name: 'invalid_grant' });
  });
});

describe('client credentials, userinfo, identity, revoke', () => {
  it('accepts client credentials in the body or by HTTP Basic', async () => {
    const basic = Buffer.from(`${org.clientId}:${org.clientSecret}`).toString('base64');
    const viaBasic = await formPost(sandbox.url, { grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
    expect(viaBasic.status).toBe(200);
    expect(viaBasic.json()).not.toHaveProperty('refresh_token');
    const viaBody = await formPost(sandbox.url, { grant_type: 'client_credentials', client_id: org.clientId, client_secret: org.clientSecret });
    expect(viaBody.status).toBe(200);
    const noSecret = await formPost(sandbox.url, { grant_type: 'client_credentials', client_id: org.clientId });
    expect(noSecret.json()).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
  });

  it('serves userinfo and identity for a live token only', async () => {
    const info = await apiRequest(`${sandbox.url}/services/oauth2/userinfo`, org.accessToken);
    expect(info.json()).toMatchObject({ user_id: org.userId, organization_id: org.orgId, preferred_username: org.username });
    expect((await apiRequest(`${sandbox.url}/services/oauth2/userinfo`, 'garbage')).status).toBe(403);
    const id = await rawRequest(`${sandbox.url}/id/${org.orgId}/${org.userId}?format=json&oauth_token=${encodeURIComponent(org.accessToken)}`);
    expect(id.json()).toMatchObject({ user_id: org.userId, urls: { rest: `${sandbox.url}/services/data/v{version}/` } });
  });

  it('revokes a token on logout', async () => {
    const conn = new Connection({ loginUrl: sandbox.url, oauth2: { clientId: org.clientId, clientSecret: org.clientSecret, loginUrl: sandbox.url }, version: '62.0' });
    await conn.login(org.username, org.password);
    const token = conn.accessToken!;
    await conn.logout();
    const after = await apiRequest(`${sandbox.url}/services/data/v62.0/limits`, token);
    expect(after.status).toBe(401);
  });
});

describe('ground truth of the login endpoints', () => {
  it('records every request this file sent under /services/, token calls not counted', () => {
    const orgCalls = sandbox.control.groundTruth(org.orgId);
    const loose = sandbox.control.unattributedGroundTruth();
    expect(orgCalls.total + loose.total).toBe(counter.servicesCount);
    const tokenCalls = orgCalls.calls.filter((c) => c.path === '/services/oauth2/token');
    expect(tokenCalls.length).toBeGreaterThan(10);
    expect(tokenCalls.every((c) => !c.counted)).toBe(true);
    expect(orgCalls.calls.filter((c) => c.counted).every((c) => c.path.startsWith('/services/data/v62.0/'))).toBe(true);
  });
});
