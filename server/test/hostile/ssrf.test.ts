/**
 * SSRF past the allow-list (issue 9, point 5): an allowed login host (the sandbox, the only origin in
 * SALESFORCE_ALLOWED_HOSTS) that answers a login with an `instance_url` or `id` elsewhere, or
 * redirects a login or a data call elsewhere, never makes us connect there. A canary HTTP server on
 * 127.0.0.1, on a port the allow-list does not name, counts every connection it receives; the admin
 * saving such credentials gets a clear 400 problem+json, and no reached host's body is echoed.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { startSandbox, type FaultSpec, type RunningSandbox } from '../support/sandbox.ts';
import { connectedOrg, sandboxCredentials, startApi, uniqueOrgId, type RunningApi } from '../support/api.ts';
import { refusalProblem } from './support.ts';

/** An HTTP server that must never be reached: counts connections, keeps what it was sent. */
interface Canary {
  url: string;
  connections: number;
  authorizations: string[];
  /** Its answer to anything: a marker that must never appear in our responses, with this status. */
  marker: string;
  status: number;
  close(): Promise<void>;
}

async function startCanary(): Promise<Canary> {
  const marker = `CANARY-${randomBytes(8).toString('hex')}`;
  const canary = { connections: 0, authorizations: [] as string[], marker, status: 200 } as Canary;
  const server: Server = createServer((request, response) => {
    if (request.headers.authorization) canary.authorizations.push(request.headers.authorization);
    response
      .writeHead(canary.status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ message: marker, errorCode: marker, access_token: marker, instance_url: `http://127.0.0.1/${marker}`, id: `http://127.0.0.1/id/00D000000000001/005000000000001` }));
  });
  server.on('connection', () => canary.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  canary.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  canary.close = () => new Promise((resolve) => server.close(() => resolve()));
  return canary;
}

describe('outbound calls stay inside SALESFORCE_ALLOWED_HOSTS', () => {
  let sandbox: RunningSandbox;
  let canary: Canary;
  let api: RunningApi;
  const adminHeaders = (): Record<string, string> => ({ authorization: `Bearer ${api.adminKey}`, 'content-type': 'application/json' });

  beforeAll(async () => {
    sandbox = await startSandbox();
    canary = await startCanary();
    // Port-exact: the sandbox's origin only; the canary shares its host but not its port.
    api = await startApi({ redisUrl: inject('redisUrl'), env: { SALESFORCE_ALLOWED_HOSTS: new URL(sandbox.url).origin } });
    expect(new URL(canary.url).origin).not.toBe(new URL(sandbox.url).origin);
  });
  beforeEach(() => {
    canary.connections = 0;
    canary.authorizations = [];
  });
  afterAll(async () => {
    await api?.close();
    await canary?.close();
    await sandbox?.close();
  });

  /** POST /v1/orgs with credentials of a sandbox org whose token endpoint misbehaves as `answer` says. */
  const createWithLogin = async (answer: Omit<Extract<FaultSpec, { kind: 'token-answer' }>, 'kind'>) => {
    const sf = sandbox.control.createOrg({});
    sandbox.control.addFault(sf.orgId, { kind: 'token-answer', ...answer });
    const response = await fetch(`${api.url}/v1/orgs`, { method: 'POST', headers: adminHeaders(), body: JSON.stringify({ id: uniqueOrgId('ssrf'), name: 'SSRF', plan: 'advanced', salesforce: sandboxCredentials(sf) }) });
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  };

  const expectClear400 = (seen: { status: number; headers: Record<string, string>; body: string }, mentions: RegExp): void => {
    expect(refusalProblem('POST', seen)).toBeUndefined();
    expect(seen.status, seen.body).toBe(400);
    const problem = JSON.parse(seen.body) as { code: string; detail: string };
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.detail).toMatch(mentions);
    expect(seen.body).not.toContain(canary.marker);
  };

  it('refuses a login whose instance_url is outside the allow-list, without connecting to it', async () => {
    const seen = await createWithLogin({ instanceUrl: canary.url });
    expectClear400(seen, /instance_url.*not an allowed Salesforce host/);
    expect(seen.body).toContain(canary.url);
    expect(canary.connections).toBe(0);
  });

  it('refuses a login whose id URL is outside the allow-list', async () => {
    const seen = await createWithLogin({ idUrl: `${canary.url}/id/00D000000000001AAA/005000000000001AAA` });
    expectClear400(seen, /\bid\b.*not an allowed Salesforce host/);
    expect(canary.connections).toBe(0);
  });

  it('does not follow a token endpoint redirect, to another host or to its own', async () => {
    for (const redirectStatus of [302, 307] as const) {
      expectClear400(await createWithLogin({ redirectTo: `${canary.url}/services/oauth2/token`, redirectStatus }), /redirect/i);
    }
    // Even to an allowed host a redirected login is not followed (the form carries the password).
    expectClear400(await createWithLogin({ redirectTo: `${sandbox.url}/services/oauth2/token` }), /redirect/i);
    expect(canary.connections).toBe(0);
  });

  it('never echoes what a host answered: an allowed host with a non-Salesforce body gets a 400 in our words', async () => {
    // A second instance that does allow the canary's origin, as an operator might allow a proxy.
    const lenient = await startApi({ redisUrl: inject('redisUrl'), adminKey: api.adminKey, env: { SALESFORCE_ALLOWED_HOSTS: `${new URL(sandbox.url).origin},${canary.url}` } });
    canary.status = 404;
    try {
      const response = await fetch(`${lenient.url}/v1/orgs`, {
        method: 'POST',
        headers: adminHeaders(),
        body: JSON.stringify({ id: uniqueOrgId('echo'), name: 'Echo', salesforce: { kind: 'access-token', instanceUrl: canary.url, accessToken: 'token' } }),
      });
      const seen = { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
      // Its body pretends to be a Salesforce error whose message and code are the marker: neither is repeated.
      expectClear400(seen, /did not answer like Salesforce/);
      expect(canary.connections).toBeGreaterThan(0);
    } finally {
      canary.status = 200;
      await lenient.close();
    }
  });

  describe('data calls answered with a redirect', () => {
    let orgId: string;
    let sfOrgId: string;
    beforeAll(async () => {
      const connected = await connectedOrg(api, sandbox);
      orgId = connected.orgId;
      sfOrgId = connected.sf.orgId;
    });

    const redirectNext = (pathContains: string, status: 302 | 307 = 307): void => {
      sandbox.control.clearFaults(sfOrgId);
      sandbox.control.addFault(sfOrgId, { kind: 'redirect', status, location: `${canary.url}/services/data/v62.0${pathContains}`, pathContains, count: 5 });
    };
    const call = async (method: string, path: string, body?: unknown) => {
      // redirect: 'manual': the test client must not follow to the canary either.
      const response = await fetch(`${api.url}/v1/orgs/${orgId}${path}`, { method, headers: adminHeaders(), redirect: 'manual', ...(body ? { body: JSON.stringify(body) } : {}) });
      return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
    };

    it('never carries the Salesforce session to the redirect target: sync pulls, the mapping page, credential checks', async () => {
      // Salesforce's answer is unusable: 502 problem+json naming the refused redirect, nothing from its target.
      const expectUnusable = (seen: { status: number; headers: Record<string, string>; body: string }): void => {
        expect(seen.status, seen.body).toBe(502);
        expect(seen.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(seen.body)).toMatchObject({ code: 'SALESFORCE_UNAVAILABLE', detail: expect.stringMatching(/redirects are not followed/) });
        expect(seen.body).not.toContain(canary.marker);
      };
      redirectNext('/query');
      expectUnusable(await call('GET', '/sync/leads'));
      redirectNext('/describe');
      expectUnusable(await call('GET', '/mappings/leads'));

      const sf = sandbox.control.createOrg({});
      sandbox.control.addFault(sf.orgId, { kind: 'redirect', status: 302, location: `${canary.url}/limits`, pathContains: '/limits' });
      const patched = await call('PATCH', '', { salesforce: sandboxCredentials(sf) });
      expectClear400(patched, /redirect/i);

      expect(canary.connections).toBe(0);
      expect(canary.authorizations).toEqual([]);
      sandbox.control.clearFaults(sfOrgId);
    });

    it('passes a passthrough redirect back to the client unfollowed', async () => {
      redirectNext('/limits', 302);
      const response = await call('GET', '/salesforce/services/data/v62.0/limits');
      expect(response.status).toBe(302);
      expect(canary.connections).toBe(0);
      sandbox.control.clearFaults(sfOrgId);
    });
  });
});
