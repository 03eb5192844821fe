/**
 * Issue 11: the paths and headers real Salesforce clients send reach the org as Salesforce would
 * read them. The Salesforce CLI keeps its instance URL with a trailing slash (`//services/data/…`)
 * and asks `GET /services/data` for the newest version; integrations call Apex REST; clients set
 * `Sforce-*` headers and `Accept-Language` that change what Salesforce does.
 */
import { describe, expect, it } from 'vitest';
import { connectedOrg } from '../support/api.ts';
import { settledCounts } from '../support/counted-calls.ts';
import { useStack } from '../support/stack.ts';
import { captureSandboxRequests } from './sandbox-capture.ts';

describe('passthrough paths and headers of real clients', () => {
  const stack = useStack();

  it('reads runs of slashes as one, on the data API and on userinfo', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    const capture = captureSandboxRequests(stack.sandbox.server);
    const base = `${stack.api.url}/v1/orgs/${orgId}/salesforce`;
    const auth = { authorization: `Bearer ${stack.api.adminKey}` };
    const limits = await fetch(`${base}//services/data/v62.0//limits`, { headers: auth });
    expect(limits.status).toBe(200);
    expect(((await limits.json()) as { DailyApiRequests?: unknown }).DailyApiRequests).toBeDefined();
    const userinfo = await fetch(`${base}//services/oauth2/userinfo`, { headers: auth });
    expect(userinfo.status).toBe(200);
    expect(((await userinfo.json()) as { organization_id: string }).organization_id).toBe(sf.orgId);
    capture.stop();
    // Salesforce saw one clean path; the userinfo came from our cache or a call to its identity service.
    expect(capture.requests.map((r) => r.url)).toContain('/services/data/v62.0/limits');
    expect(capture.requests.every((r) => !r.url.includes('//'))).toBe(true);
    const counts = await settledCounts(stack.api, stack.sandbox, orgId, sf.orgId);
    expect(counts.used).toBe(counts.sandbox);
  });

  it('answers GET /services/data without its slash with the versions list, uncounted', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    const before = await settledCounts(stack.api, stack.sandbox, orgId, sf.orgId);
    const response = await fetch(`${stack.api.url}/v1/orgs/${orgId}/salesforce/services/data`, { headers: { authorization: `Bearer ${stack.api.adminKey}` } });
    expect(response.status).toBe(200);
    const versions = (await response.json()) as { version: string; url: string }[];
    expect(versions.map((v) => v.version)).toContain('62.0');
    // The version URLs are paths on the instance: relative, they stay on callbudget.
    expect(versions.every((v) => v.url.startsWith('/services/data/v'))).toBe(true);
    const after = await settledCounts(stack.api, stack.sandbox, orgId, sf.orgId);
    expect(after).toEqual(before);
  });

  it('passes Apex REST through, counted', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    const before = await settledCounts(stack.api, stack.sandbox, orgId, sf.orgId);
    const response = await fetch(`${stack.api.url}/v1/orgs/${orgId}/salesforce/services/apexrest/echo?x=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.api.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ hello: 'wörld' }),
    });
    expect(response.status).toBeLessThan(500);
    expect(response.status).not.toBe(404);
    const after = await settledCounts(stack.api, stack.sandbox, orgId, sf.orgId);
    expect(after.used - before.used).toBe(1);
    expect(after.sandbox - before.sandbox).toBe(1);
  });

  it('forwards every Sforce-* header and Accept-Language, and labels the call with both clients', async () => {
    const { orgId } = await connectedOrg(stack.api, stack.sandbox);
    const capture = captureSandboxRequests(stack.sandbox.server);
    const response = await fetch(`${stack.api.url}/v1/orgs/${orgId}/salesforce/services/data/v62.0/sobjects/Account`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stack.api.adminKey}`,
        'content-type': 'application/json',
        'accept-language': 'de-DE',
        'sforce-duplicate-rule-header': 'allowSave=true',
        'sforce-mru': 'updateMru=true',
        'sforce-call-options': 'client=sfdx toolbelt:',
        cookie: 'sid=nope',
      },
      body: JSON.stringify({ Name: 'Header Check' }),
    });
    capture.stop();
    expect(response.status).toBe(201);
    const sent = capture.requests.find((r) => r.url === '/services/data/v62.0/sobjects/Account');
    expect(sent?.headers).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^accept-language: de-DE$/i),
        expect.stringMatching(/^sforce-duplicate-rule-header: allowSave=true$/i),
        expect.stringMatching(/^sforce-mru: updateMru=true$/i),
        expect.stringMatching(/^sforce-call-options: client=sfdx toolbelt: via callbudget$/i),
      ]),
    );
    expect(sent?.headers.some((h) => /^cookie:/i.test(h))).toBe(false);
  });
});
