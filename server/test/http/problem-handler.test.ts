/** Bad input of any kind leaves as RFC 9457 problem+json with a stable code, never a 5xx. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../support/api.ts';

describe('problem+json for bad input', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({});
  });
  afterAll(() => api.close());

  const call = async (path: string, init: RequestInit = {}): Promise<{ status: number; type: string | null; body: Record<string, unknown> }> => {
    const response = await fetch(`${api.url}${path}`, init);
    return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
  };
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${api.adminKey}`, 'content-type': 'application/json' });

  it.each([
    ['an unknown route', '/v1/nothing-here', {}, 404, 'NOT_FOUND'],
    ['a URL the router cannot decode', '/v1/orgs/%zz', {}, 400, 'VALIDATION_FAILED'],
    ['no API key', '/v1/orgs/acme', {}, 401, 'UNAUTHENTICATED'],
    ['a wrong API key', '/v1/orgs/acme', { headers: { authorization: 'Bearer nope-nope-nope' } }, 401, 'UNAUTHENTICATED'],
  ] as const)('%s', async (_name, path, init, status, code) => {
    const r = await call(path, init);
    expect(r.status).toBe(status);
    expect(r.type).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ status, code, type: expect.stringContaining('/problems/'), title: expect.any(String) });
  });

  it('malformed JSON is a 400 MALFORMED_JSON', async () => {
    const r = await call('/v1/orgs', { method: 'POST', headers: auth(), body: '{"id": "x",' });
    expect(r).toMatchObject({ status: 400, body: { code: 'MALFORMED_JSON' } });
  });

  it('unknown fields are refused, not dropped, and each problem names its location', async () => {
    const r = await call('/v1/orgs', { method: 'POST', headers: auth(), body: JSON.stringify({ id: 'Bad Id', name: 'x', colour: 'red' }) });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    const locations = (r.body.errors as { location: string }[]).map((e) => e.location);
    expect(locations).toContain('body/id');
    expect(locations.some((l) => l === 'body' || l.includes('colour'))).toBe(true);
  });

  it('an oversized body is a 413', async () => {
    const r = await call('/v1/orgs', { method: 'POST', headers: auth(), body: JSON.stringify({ id: 'big', name: 'x'.repeat(3 * 1024 * 1024) }) });
    expect(r).toMatchObject({ status: 413, body: { code: 'BODY_TOO_LARGE' } });
  });
});

describe('Salesforce hosts', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({});
  });
  afterAll(() => api.close());

  it.each([
    ['an internal address', 'http://10.0.0.5:8080'],
    ['a metadata endpoint', 'http://169.254.169.254'],
    ['a look-alike host', 'https://login.salesforce.com.evil.io'],
  ])('refuses credentials pointing at %s, before any request', async (_name, loginUrl) => {
    const response = await fetch(`${api.url}/v1/orgs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'ssrf', name: 'x', salesforce: { kind: 'password', loginUrl, clientId: 'c', clientSecret: 's', username: 'u', password: 'p' } }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; errors: { location: string }[] };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors[0]?.location).toBe('body/salesforce/loginUrl');
  });
});
