/**
 * The passthrough at the API's root (`instanceUrl = <api>`): the org is the key's own. Two connected
 * orgs each reach their own Salesforce org with their own key, counted in their own budget; URLs in
 * answers point back at the root; the operator key, which names no org, is refused in Salesforce's
 * shape; and the pages already at the root still answer as before.
 */
import { Connection } from 'jsforce';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectedOrg } from '../support/api.ts';
import { settledCounts } from '../support/counted-calls.ts';
import type { OrgInfo } from '../support/sandbox.ts';
import { useStack } from '../support/stack.ts';
import { salesforceError } from './support.ts';

type Tenant = { orgId: string; sf: OrgInfo; key: string };

describe('the passthrough at the root, for the key’s own org', () => {
  const stack = useStack();
  let a: Tenant;
  let b: Tenant;

  const issueKey = async (orgId: string, body: Record<string, string>): Promise<string> => {
    const response = await fetch(`${stack.api.url}/v1/orgs/${orgId}/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.api.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { secret: string }).secret;
  };
  const tenant = async (): Promise<Tenant> => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    return { orgId, sf, key: await issueKey(orgId, { kind: 'sync', name: 'root', format: 'salesforce' }) };
  };
  const atRoot = (path: string, key: string | undefined, init: RequestInit = {}): Promise<Response> =>
    fetch(`${stack.api.url}${path}`, { ...init, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(init.headers as Record<string, string>) } });

  beforeAll(async () => {
    a = await tenant();
    b = await tenant();
  });

  it('takes each key to its own org, counted there and nowhere else', async () => {
    const before = { a: await settledCounts(stack.api, stack.sandbox, a.orgId, a.sf.orgId), b: await settledCounts(stack.api, stack.sandbox, b.orgId, b.sf.orgId) };
    for (const t of [a, b]) {
      const conn = new Connection({ instanceUrl: stack.api.url, accessToken: t.key, version: '62.0' });
      const created = await conn.sobject('Lead').create({ LastName: `Root ${t.orgId}`, Company: 'Root Co' });
      expect(created.success).toBe(true);
      // The record is in this key's Salesforce org, not the other's.
      expect(stack.sandbox.control.groundTruth(t.sf.orgId).calls.some((c) => c.path === '/services/data/v62.0/sobjects/Lead' && c.status === 201)).toBe(true);
    }
    const after = { a: await settledCounts(stack.api, stack.sandbox, a.orgId, a.sf.orgId), b: await settledCounts(stack.api, stack.sandbox, b.orgId, b.sf.orgId) };
    for (const t of ['a', 'b'] as const) {
      expect(after[t].sandbox - before[t].sandbox).toBe(1);
      expect(after[t].used - before[t].used).toBe(1);
    }
  });

  it('shares one budget with the org path', async () => {
    const before = await settledCounts(stack.api, stack.sandbox, a.orgId, a.sf.orgId);
    expect((await atRoot('/services/data/v62.0/limits', a.key)).status).toBe(200);
    expect((await fetch(`${stack.api.url}/v1/orgs/${a.orgId}/salesforce/services/data/v62.0/limits`, { headers: { authorization: `Bearer ${a.key}` } })).status).toBe(200);
    const after = await settledCounts(stack.api, stack.sandbox, a.orgId, a.sf.orgId);
    expect({ sandbox: after.sandbox - before.sandbox, used: after.used - before.used }).toEqual({ sandbox: 2, used: 2 });
  });

  it('points the URLs in answers at the root, where the identity and userinfo are served', async () => {
    const discovery = await atRoot('//services/data/v62.0/', a.key);
    const text = await discovery.text();
    expect(text).not.toContain(new URL(stack.sandbox.url).host);
    const identityUrl = (JSON.parse(text) as { identity: string }).identity;
    expect(identityUrl).toBe(`${stack.api.url}/id/${a.sf.orgId}/${a.sf.userId}`);
    const identity = await atRoot(new URL(identityUrl).pathname, a.key);
    expect(identity.status).toBe(200);
    const body = (await identity.json()) as { organization_id: string; urls: Record<string, string> };
    expect(body.organization_id).toBe(a.sf.orgId);
    expect(JSON.stringify(body)).not.toContain(new URL(stack.sandbox.url).host);
    expect(body.urls.rest).toMatch(new RegExp(`^${stack.api.url}/services/data/`));
    const userinfo = await atRoot('/services/oauth2/userinfo', b.key);
    expect(((await userinfo.json()) as { organization_id: string }).organization_id).toBe(b.sf.orgId);
    // Another org's identity through this key: not found, as on the org path.
    const foreign = await atRoot(`/id/${b.sf.orgId}/${b.sf.userId}`, a.key);
    expect(foreign.status).toBe(404);
    expect(salesforceError({ headers: foreign.headers, body: await foreign.text() }).errorCode).toBe('NOT_FOUND');
  });

  it('refuses the operator key, which names no org, in Salesforce’s shape and before any call', async () => {
    const before = stack.sandbox.control.unattributedGroundTruth({ limit: 0 }).total;
    for (const path of ['/services/data/v62.0/limits', '/services/oauth2/userinfo', `/id/${a.sf.orgId}/${a.sf.userId}`]) {
      const response = await atRoot(path, stack.api.adminKey);
      expect(response.status, path).toBe(403);
      const error = salesforceError({ headers: response.headers, body: await response.text() });
      expect(error.errorCode).toBe('INSUFFICIENT_ACCESS');
      expect(error.message).toContain('/v1/orgs/{orgId}/salesforce/');
    }
    expect(stack.sandbox.control.unattributedGroundTruth({ limit: 0 }).total).toBe(before);
  });

  it('answers bad keys, other kinds of key, bad paths and a deleted org in Salesforce’s shape', async () => {
    const widget = await issueKey(a.orgId, { kind: 'widget' });
    const gone = await tenant();
    expect((await fetch(`${stack.api.url}/v1/orgs/${gone.orgId}`, { method: 'DELETE', headers: { authorization: `Bearer ${stack.api.adminKey}` } })).status).toBe(204);
    const cases: [string, string | undefined, number, string, string?][] = [
      ['/services/data/v62.0/limits', undefined, 401, 'INVALID_SESSION_ID'],
      ['/services/data/v62.0/limits', `00D000000000000!cb0123456789abcdef.${'0'.repeat(64)}`, 401, 'INVALID_SESSION_ID'],
      ['/services/data/v62.0/limits', widget, 403, 'INSUFFICIENT_ACCESS'],
      ['/services/data/v62.0/limits', gone.key, 401, 'INVALID_SESSION_ID'],
      ['/services/oauth2/token', a.key, 400, 'INVALID_INPUT'],
      ['/services/data/v62.0/%2e%2e/%2e%2e/oauth2/token', a.key, 400, 'INVALID_INPUT'],
      ['/services', a.key, 400, 'INVALID_INPUT'],
      ['/services/data/v62.0/limits', a.key, 405, 'METHOD_NOT_ALLOWED', 'PROPFIND'],
      ['/id/not-an-id/005000000000000AAA', a.key, 400, 'INVALID_INPUT'],
    ];
    for (const [path, key, status, errorCode, method] of cases) {
      const response = await atRoot(path, key, method ? { method } : {});
      const label = `${path} ${key?.slice(0, 8)}`;
      expect(response.status, label).toBe(status);
      expect(salesforceError({ headers: response.headers, body: await response.text() }).errorCode, label).toBe(errorCode);
    }
  });

  it('leaves the pages already at the root as they were', async () => {
    const page = await fetch(`${stack.api.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await fetch(`${stack.api.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${stack.api.url}/openapi.json`)).status).toBe(200);
    const missing = await fetch(`${stack.api.url}/servicesx`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
