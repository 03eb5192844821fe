/**
 * Hostile requests to the passthrough are refused with a 4xx before Salesforce is called and
 * before the limiter is asked: the sandbox's ground truth and our window both stay unchanged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../support/sandbox.ts';
import { useStack } from '../support/stack.ts';
import { connectedOrg, limiterTotal, type RunningApi } from '../support/api.ts';
import { rawRequest, type RawResponse } from '../support/raw-http.ts';
import { salesforceError, sandboxDataCalls } from './support.ts';

const TRAVERSALS = [
  '/services/data/v62.0/../../../etc/passwd',
  '/services/data/../oauth2/token',
  '/services/data/v62.0/./sobjects/Lead',
  '/services/data/v62.0/sobjects/%2e%2e/%2e%2e/limits',
  '/services/data/v62.0/sobjects/%2E%2E/limits',
  '/services/data/v62.0/sobjects/.%2e/limits',
  '/services/data/v62.0/sobjects/%252e%252e/limits',
  '/services/data/v62.0/sobjects/%25252e%25252e/limits',
  '/services/data/v62.0/sobjects%2f..%2flimits',
  '/services/data/v62.0/sobjects%2F..',
  '/services/data/v62.0/sobjects/Lead%252fx',
  '/services/data/v62.0\\..\\limits',
  '/services/data/v62.0/sobjects%5c..%5climits',
  '/services/data/v62.0/sobjects/Lead%00',
  '/services/data/v62.0/sobjects/Lead%2500',
  '/services/data/v62.0/sobjects/Lead%0d%0aX-Injected:%20yes',
  '/services/data/sobjects/Lead',
  '/services/data/v62/sobjects/Lead',
  '/services/data/latest/limits',
];

/** Refused by the router before our route sees them: no route (404), or a URL it cannot decode (400). */
const UNROUTABLE = ['/services/data/v62.0/sobjects/%C0%AE%C0%AE/limits', '/services/data/v62.0/sobjects/%zz'];

describe('passthrough refuses hostile input', () => {
  const stack = useStack();
  let sandbox: RunningSandbox;
  let api: RunningApi;
  let orgId: string;
  let sfOrgId: string;
  let base: string;
  let before: { sandbox: number; limiter: number };
  const auth = (): Record<string, string> => ({ Authorization: `Bearer ${api.adminKey}` });
  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawResponse> =>
    rawRequest(api.url, { method, target: `${base}${path}`, headers: { ...auth(), ...headers }, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    ({ sandbox, api } = stack);
    ({
      orgId,
      sf: { orgId: sfOrgId },
    } = await connectedOrg(api, sandbox));
    base = `/v1/orgs/${orgId}/salesforce`;
    before = { sandbox: sandboxDataCalls(sandbox, sfOrgId).total, limiter: await limiterTotal(api, orgId) };
  });

  it.each(TRAVERSALS)('refuses %s with 400 INVALID_INPUT in Salesforce shape', async (path) => {
    for (const method of ['GET', 'DELETE']) {
      const response = await send(method, path);
      expect(response.status).toBe(400);
      expect(salesforceError(response).errorCode).toBe('INVALID_INPUT');
    }
  });

  it.each(UNROUTABLE)('refuses %s with a 4xx', async (path) => {
    const response = await send('GET', path);
    expect([400, 404]).toContain(response.status);
  });

  it('refuses before authenticating, so an unauthenticated probe learns nothing', async () => {
    const response = await rawRequest(api.url, { method: 'GET', target: `${base}/services/data/v62.0/%2e%2e/limits` });
    expect(response.status).toBe(400);
  });

  it('refuses a raw NUL, space or 8-bit byte in the path', async () => {
    for (const path of ['/services/data/v62.0/sobjects/Lead\0', '/services/data/v62.0/sobjects/Le\u00e9ad']) {
      expect((await send('GET', path)).status).toBe(400);
    }
  });

  it('refuses CR, LF, control or non-ASCII bytes in forwarded header values', async () => {
    for (const headers of [{ 'Sforce-Query-Options': 'batchSize=200\u00e9' }, { 'X-PrettyPrint': '1\u0001' }, { 'If-None-Match': '"a\rb"' }] as Record<string, string>[]) {
      expect((await send('GET', '/services/data/v62.0/limits', headers)).status).toBe(400);
    }
  });

  it('refuses an unknown priority', async () => {
    const response = await send('GET', '/services/data/v62.0/limits', { 'X-Callbudget-Priority': 'urgent' });
    expect(response.status).toBe(400);
    expect(salesforceError(response)).toMatchObject({ errorCode: 'INVALID_INPUT', message: expect.stringContaining('x-callbudget-priority') });
  });

  it('refuses methods Salesforce REST does not use with 405 and Allow', async () => {
    // OPTIONS belongs to CORS preflight (answered for allowed origins); without one it is not found.
    const options = await send('OPTIONS', '/services/data/v62.0/limits');
    expect(options.status).toBe(404);
    expect(salesforceError(options).errorCode).toBe('NOT_FOUND');
    for (const method of ['TRACE', 'PROPFIND']) {
      const response = await send(method, '/services/data/v62.0/limits');
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, POST, PUT, PATCH, DELETE, HEAD');
      expect(salesforceError(response).errorCode).toBe('METHOD_NOT_ALLOWED');
    }
    expect((await send('POST', '/services/data/', { 'Content-Type': 'application/json' }, '{}')).status).toBe(405);
  });

  it('refuses an over-long query string and an over-large body', async () => {
    // Node's own 16 KB header limit answers 431 first; upstreamTarget's 16 KB check backs it up.
    expect([400, 431]).toContain((await send('GET', `/services/data/v62.0/query?q=${'x'.repeat(17 * 1024)}`)).status);
    const big = JSON.stringify({ LastName: 'x'.repeat(2 * 1024 * 1024) });
    const response = await send('POST', '/services/data/v62.0/sobjects/Lead', { 'Content-Type': 'application/json' }, big);
    expect(response.status).toBe(413);
    expect(salesforceError(response).errorCode).toBe('EXCEEDED_MAX_SIZE_REQUEST');
  });

  it('refuses an unknown key with 401, and never forwards it', async () => {
    const response = await send('GET', '/services/data/v62.0/limits', { Authorization: 'Bearer not-a-key' });
    expect(response.status).toBe(401);
    expect(salesforceError(response)).toEqual({ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' });
  });

  it('made no call upstream and asked the limiter nothing for any of them', async () => {
    expect(sandboxDataCalls(sandbox, sfOrgId).total).toBe(before.sandbox);
    expect(await limiterTotal(api, orgId)).toBe(before.limiter);
  });

  it('forwards the versions list without spending budget, and a plain call with it', async () => {
    const versions = await send('GET', '/services/data/');
    expect(versions.status).toBe(200);
    expect(await limiterTotal(api, orgId)).toBe(before.limiter);
    const limits = await send('GET', '/services/data/v62.0/limits/', { 'X-Callbudget-Priority': 'interactive' });
    expect(limits.status).toBe(200);
    expect(await limiterTotal(api, orgId)).toBe(before.limiter + 1);
  });
});
