/**
 * Issue 9, point 3: a callbudget key never leaves callbudget. A canary sync key drives jsforce
 * through every passthrough route it uses, `identity()` included; the sandbox's HTTP server sees
 * every request line, header and body, and the canary is in none of them. No answer the client
 * gets names the sandbox's host, and every absolute URL in them leads back to callbudget.
 */
import { Writable } from 'node:stream';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../support/sandbox.ts';
import type { OrgInfo } from '../support/sandbox.ts';
import { connectedOrg, limiterTotal, startApi, type RunningApi } from '../support/api.ts';
import { rawHttp } from '../support/raw-http.ts';
import { clientFor, salesforceError } from './support.ts';
import { recordServedResponses, type ServedResponse } from '../support/served-responses.ts';
import { captureSandboxRequests } from './sandbox-capture.ts';

/** An API instance as startApi makes it, logging every line (level trace) into `lines`. */
function startLoggingApi(redisUrl: string, lines: string[]): Promise<RunningApi> {
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return startApi({ redisUrl, env: { LOG_LEVEL: 'trace' }, logStream });
}

interface Identity {
  id: string;
  user_id: string;
  organization_id: string;
  username: string;
  urls: Record<string, string>;
}

describe('the passthrough never hands a callbudget key to Salesforce', () => {
  let sandbox: RunningSandbox;
  let api: RunningApi;
  let orgId: string;
  let sf: OrgInfo;
  let canary: string;
  let client: Connection;
  let capture: ReturnType<typeof captureSandboxRequests>;
  let responses: ServedResponse[];
  /** Absolute URLs our passthrough hands out start with this. */
  let prefix: string;
  const routes = new Set<string>();
  const logLines: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox();
    capture = captureSandboxRequests(sandbox.server);
    api = await startLoggingApi(inject('redisUrl'), logLines);
    ({ orgId, sf } = await connectedOrg(api, sandbox));
    const issued = await api.app.inject({ method: 'POST', url: `/v1/orgs/${orgId}/keys`, headers: { authorization: `Bearer ${api.adminKey}` }, payload: { kind: 'sync', name: 'canary' } });
    expect(issued.statusCode).toBe(201);
    canary = issued.json<{ secret: string }>().secret;
    client = clientFor(api, orgId, canary);
    responses = recordServedResponses(api.app.server, `/v1/orgs/${orgId}/salesforce`);
    prefix = `${api.url}/v1/orgs/${orgId}/salesforce/`;
    // Note which of our routes each request of the client took (path with ids and locators blanked).
    api.app.server.on('request', (request: { url?: string }) => {
      const path = (request.url ?? '').split('?')[0]!.replace(`/v1/orgs/${orgId}/salesforce`, '');
      routes.add(path.replace(/\/[0-9A-Za-z]{15,18}(?=\/|$)/g, '/{id}').replace(/\/query\/[^/]+$/, '/query/{locator}'));
    });
  });
  afterAll(async () => {
    capture?.stop();
    await api?.close();
    await sandbox?.close();
  });

  it("answers jsforce's identity() and userinfo from callbudget, with the org's identity", async () => {
    const root = await client.request<{ identity: string; sobjects: string }>('/services/data/v62.0/');
    expect(root.identity).toBe(`${prefix}id/${sf.orgId}/${sf.userId}`);
    const identity = (await client.identity()) as unknown as Identity;
    expect(identity).toMatchObject({ user_id: sf.userId, organization_id: sf.orgId, username: sf.username, id: root.identity });
    expect(identity.urls.rest).toBe(`${prefix}services/data/v{version}/`);
    // jsforce keeps the identity URL it was given and asks it directly the next time.
    expect(client.userInfo?.url).toBe(root.identity);
    expect(((await client.identity()) as unknown as Identity).user_id).toBe(sf.userId);
    const userInfo = await client.request<{ user_id: string; organization_id: string; preferred_username: string; sub: string }>('/services/oauth2/userinfo');
    expect(userInfo).toMatchObject({ user_id: sf.userId, organization_id: sf.orgId, preferred_username: sf.username, sub: root.identity });
    // A URL taken from the identity leads back through the passthrough.
    const global = await client.request<{ sobjects: unknown[] }>(identity.urls.sobjects!.replace('{version}', '62.0'));
    expect(global.sobjects.length).toBeGreaterThan(5);
  });

  it('does not count identity and userinfo, as Salesforce does not, and asks Salesforce for each once', async () => {
    const before = await limiterTotal(api, orgId);
    const counted = sandbox.control.groundTruth(sf.orgId).counted;
    for (let i = 0; i < 3; i++) {
      await client.identity();
      await client.request('/services/oauth2/userinfo');
    }
    expect(await limiterTotal(api, orgId)).toBe(before);
    expect(sandbox.control.groundTruth(sf.orgId).counted).toBe(counted);
    expect(capture.requests.filter((r) => r.url.startsWith('/id/'))).toHaveLength(1);
    expect(capture.requests.filter((r) => r.url.startsWith('/services/oauth2/userinfo'))).toHaveLength(1);
  });

  it('runs CRUD, collections, composite, paged queries, describes and limits with the canary key', async () => {
    await client.request('/services/data/');
    const lead = client.sobject('Lead');
    const created = await lead.create({ LastName: 'Canary', Company: 'Mine Co' });
    await lead.retrieve(created.id!);
    await lead.update({ Id: created.id!, Company: 'Coal Co' });
    await lead.destroy(created.id!);
    const many = await lead.create(
      [
        { LastName: 'A', Company: 'X' },
        { LastName: 'B', Company: 'X' },
      ],
      { allOrNone: true },
    );
    const ids = many.map((r) => r.id!);
    await lead.update(
      ids.map((Id) => ({ Id, Company: 'Y' })),
      { allOrNone: true },
    );
    expect((await lead.retrieve(ids)).map((r) => r?.Company)).toEqual(['Y', 'Y']);
    await lead.destroy(ids, { allOrNone: true });
    await client.requestPost('/composite', { allOrNone: true, compositeRequest: [{ method: 'POST', url: '/services/data/v62.0/sobjects/Account', referenceId: 'a', body: { Name: 'Composite' } }] });
    sandbox.control.seed(
      sf.orgId,
      'Lead',
      Array.from({ length: 2100 }, (_, i) => ({ LastName: `Paged ${i}`, Company: 'Paging' })),
    );
    const soql = "SELECT Id FROM Lead WHERE Company = 'Paging'";
    expect((await client.query(soql).run({ autoFetch: true, maxFetch: 5000 })).records).toHaveLength(2100);
    const first = await client.query(soql);
    expect(first.done).toBe(false);
    expect((await client.queryMore(first.nextRecordsUrl!)).records).toHaveLength(100);
    await client.describe('Lead');
    await client.describeGlobal();
    await client.limits();
  });

  it("builds the URLs it hands out on the request's Host, and refuses a Host that is not one before any call", async () => {
    const discovery = `/v1/orgs/${orgId}/salesforce/services/data/v62.0/`;
    const head = (host: string, path = discovery): string => `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${canary}\r\nConnection: close`;
    const ok = await rawHttp(api.url, { head: head('cb.example:8443') });
    expect(ok.status).toBe(200);
    expect((JSON.parse(ok.body) as { identity: string }).identity).toBe(`http://cb.example:8443/v1/orgs/${orgId}/salesforce/id/${sf.orgId}/${sf.userId}`);
    const received = capture.requests.length;
    for (const path of [discovery, `/v1/orgs/${orgId}/salesforce/id/${sf.orgId}/${sf.userId}`]) {
      const bad = await rawHttp(api.url, { head: head('cb.example"/><x', path) });
      expect(bad.status).toBe(400);
      expect(salesforceError(bad)).toMatchObject({ errorCode: 'INVALID_INPUT', message: expect.stringContaining('Host') });
    }
    expect(capture.requests.length).toBe(received);
  });

  it('leaves the canary in nothing the sandbox received', () => {
    expect(capture.requests.length).toBeGreaterThan(20);
    // The capture sees headers and bodies: the org's own Salesforce session and a record sent.
    expect(capture.requests.some((r) => r.headers.some((h) => h === `Authorization: Bearer ${sf.accessToken}` || h.startsWith('Authorization: Bearer ')))).toBe(true);
    expect(capture.requests.some((r) => Buffer.concat(r.body).includes('"LastName":"Canary"'))).toBe(true);
    const leaks = capture.requests.map((r) => capture.text(r)).filter((text) => text.includes(canary) || text.includes(api.adminKey));
    expect(leaks).toEqual([]);
    // jsforce's identity() put the canary in our URL's query; the log masks it.
    expect(logLines.some((line) => line.includes('oauth_token=[redacted]'))).toBe(true);
    expect(logLines.filter((line) => line.includes(canary))).toEqual([]);
    console.info(`[no-key-leak] ${capture.requests.length} sandbox requests inspected; ${routes.size} passthrough routes: ${[...routes].sort().join(' ')}`);
  });

  it('hands the client no Salesforce host, and only absolute URLs that lead back to callbudget', () => {
    const sandboxHost = new URL(sandbox.url).host;
    expect(responses.length).toBeGreaterThan(20);
    for (const response of responses) {
      expect(`${JSON.stringify(response.headers)}\n${response.body ?? ''}`).not.toContain(sandboxHost);
      // Our own headers (CSP's frame-ancestors) name Salesforce origins on purpose: check what Salesforce sent.
      // (A problem+json `type` is an identifier of ours, not a link Salesforce sent.)
      const passed = `${response.headers.location ?? ''}\n${/problem\+json/.test(response.headers['content-type'] ?? '') ? '' : response.body}`;
      // Each URL leads back to callbudget as the client reached it (its Host: one test asks for cb.example:8443).
      const back = prefix.replace(new URL(api.url).host, response.host);
      for (const [url] of passed.matchAll(/https?:\/\/[^"\s,]+/g)) expect(`${url}/`.startsWith(back), url).toBe(true);
    }
    expect(routes.size).toBeGreaterThanOrEqual(15);
    console.info(`[no-key-leak] ${responses.length} responses to jsforce checked for the sandbox host`);
  });
});
