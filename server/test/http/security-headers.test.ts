/** CORS per org from its allow-list, and security headers with frame-ancestors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../support/api.ts';
import { originAllowed } from '../../src/http/origins.ts';

describe('origins', () => {
  it('matches exact origins and one-label wildcards only', () => {
    const list = ['https://*.my.salesforce.com', 'https://crm.example.com'];
    expect(originAllowed('https://acme.my.salesforce.com', list)).toBe(true);
    expect(originAllowed('https://crm.example.com', list)).toBe(true);
    expect(originAllowed('https://a.b.my.salesforce.com', list)).toBe(false);
    expect(originAllowed('https://my.salesforce.com', list)).toBe(false);
    expect(originAllowed('http://acme.my.salesforce.com', list)).toBe(false);
    expect(originAllowed('https://acme.my.salesforce.com.evil.io', list)).toBe(false);
    expect(originAllowed('https://crm.example.com:8443', list)).toBe(false);
  });
});

describe('CORS and security headers', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({});
    const response = await fetch(`${api.url}/v1/orgs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'cors-org', name: 'CORS', corsOrigins: ['https://*.lightning.force.com', 'https://crm.example.com'] }),
    });
    expect(response.status).toBe(201);
  });
  afterAll(() => api.close());

  const preflight = (origin: string, path = '/v1/orgs/cors-org/usage') =>
    fetch(`${api.url}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });

  it('allows an origin on the org list, and names our headers', async () => {
    const response = await preflight('https://acme.lightning.force.com');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://acme.lightning.force.com');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const get = await fetch(`${api.url}/v1/orgs/cors-org/usage`, { headers: { origin: 'https://crm.example.com', authorization: `Bearer ${api.adminKey}` } });
    expect(get.headers.get('access-control-allow-origin')).toBe('https://crm.example.com');
    expect(get.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('does not allow other origins, nor origins of another org', async () => {
    for (const origin of ['https://evil.example.com', 'https://acme.my.salesforce.com']) {
      const response = await preflight(origin);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect((await preflight('https://crm.example.com', '/v1/orgs/other-org/usage')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets any origin load the widget module', async () => {
    const response = await fetch(`${api.url}/widget/callbudget.js`, { headers: { origin: 'https://crm.example.com' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('sends security headers with frame-ancestors limited to us and Salesforce', async () => {
    const response = await fetch(`${api.url}/healthz`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'self' https://*.my.salesforce.com https://*.lightning.force.com https://*.vf.force.com");
    expect(csp).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('refuses a malformed origin in the allow-list', async () => {
    const response = await fetch(`${api.url}/v1/orgs/cors-org`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${api.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ corsOrigins: ['https://*.*.example.com'] }),
    });
    expect(response.status).toBe(400);
  });
});
