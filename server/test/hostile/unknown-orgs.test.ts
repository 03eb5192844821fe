/**
 * Requests for made-up org ids leave nothing behind. CORS looks the org up (for its allowed
 * origins) before any key is checked, so an unauthenticated client can name as many ids as it
 * likes: the org cache must keep only orgs that exist, or it grows without bound.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, uniqueOrgId, type RunningApi } from '../support/api.ts';
import { refusalProblem } from './support.ts';

describe('made-up org ids', () => {
  let api: RunningApi;
  let orgId: string;
  let key: string;
  const reads = new Map<string, number>();

  beforeAll(async () => {
    api = await startApi({ redisUrl: inject('redisUrl'), services: { orgCacheMs: 60_000, authFailures: { maxFailures: 1_000_000, windowMs: 60_000 } } });
    orgId = uniqueOrgId('cache');
    const headers = { authorization: `Bearer ${api.adminKey}` };
    expect((await api.app.inject({ method: 'POST', url: '/v1/orgs', headers, payload: { id: orgId, name: 'Cache', corsOrigins: ['https://crm.example'] } })).statusCode).toBe(201);
    key = (await api.app.inject({ method: 'POST', url: `/v1/orgs/${orgId}/keys`, headers, payload: { kind: 'widget' } })).json<{ secret: string }>().secret;
    // Count the settings reads the org repository makes, per org.
    const state = api.services.state;
    const getJson = state.getJson.bind(state);
    state.getJson = async (name: string) => {
      const match = /^cb:\{org:([^}]+)\}:settings$/.exec(name);
      if (match) reads.set(match[1]!, (reads.get(match[1]!) ?? 0) + 1);
      return getJson(name);
    };
  });
  afterAll(() => api?.close());

  const send = (org: string, authorization?: string) =>
    api.app.inject({ method: 'GET', url: `/v1/orgs/${org}/usage`, remoteAddress: '203.0.113.77', headers: { origin: 'https://evil.example', ...(authorization ? { authorization } : {}) } });

  it('looks each made-up id up every time instead of remembering it', async () => {
    for (let i = 0; i < 2000; i++) {
      const response = await send(`zz-nx-${i}`);
      expect(refusalProblem('GET', { status: response.statusCode, headers: response.headers, body: response.body })).toBeUndefined();
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
    const ghost = 'zz-nx-ghost';
    await send(ghost);
    await send(ghost);
    // Two requests, two reads: a miss is not kept, so 2000 ids left nothing in memory.
    expect(reads.get(ghost)).toBe(2);
    expect(reads.get('zz-nx-1999')).toBe(1);
  });

  it('still caches an org that exists', async () => {
    reads.delete(orgId);
    for (let i = 0; i < 5; i++) {
      const response = await api.app.inject({ method: 'GET', url: `/v1/orgs/${orgId}/usage`, headers: { origin: 'https://crm.example', authorization: `Bearer ${key}` } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe('https://crm.example');
    }
    expect(reads.get(orgId) ?? 0).toBeLessThanOrEqual(1);
  });
});
