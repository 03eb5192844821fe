/** Short-lived widget tokens: minted by an administrator's key, read-only, one org, expiring. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, uniqueOrgId, type RunningApi } from '../support/api.ts';
import { mintWidgetSession, readWidgetSession } from '../../src/access/widget-sessions.ts';

// Embedded (in-process state) and Redis: sessions end the same way on both.
describe.each(['memory', 'redis'] as const)('widget sessions (%s)', (mode) => {
  let api: RunningApi;
  const ORG = uniqueOrgId('ws-org');
  const OTHER = uniqueOrgId('ws-other');
  const GONE = uniqueOrgId('ws-gone');
  let adminSecret: string;
  beforeAll(async () => {
    api = await startApi(mode === 'redis' ? { redisUrl: inject('redisUrl') } : {});
    for (const id of [ORG, OTHER]) {
      expect((await api.app.inject({ method: 'POST', url: '/v1/orgs', headers: { authorization: `Bearer ${api.adminKey}` }, payload: { id, name: id } })).statusCode).toBe(201);
    }
    const key = await api.app.inject({ method: 'POST', url: `/v1/orgs/${ORG}/keys`, headers: { authorization: `Bearer ${api.adminKey}` }, payload: { kind: 'admin', role: 'administrator' } });
    adminSecret = key.json<{ secret: string }>().secret;
  });
  afterAll(() => api.close());

  const get = (url: string, token: string) => api.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it('an administrator mints a token that reads usage but cannot sync or reach another org', async () => {
    const minted = await api.app.inject({ method: 'POST', url: `/v1/orgs/${ORG}/widget-sessions`, headers: { authorization: `Bearer ${adminSecret}` }, payload: { ttlSeconds: 300 } });
    expect(minted.statusCode).toBe(201);
    expect(minted.headers['cache-control']).toBe('no-store');
    const { token, expiresAt } = minted.json<{ token: string; expiresAt: string }>();
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(290_000);
    expect((await get(`/v1/orgs/${ORG}/usage`, token)).statusCode).toBe(200);
    expect((await get(`/v1/orgs/${ORG}/sync/leads?since=2026-01-01T00:00:00Z`, token)).json()).toMatchObject({ code: 'FORBIDDEN_SCOPE' });
    expect((await get(`/v1/orgs/${OTHER}/usage`, token)).statusCode).toBe(404);
  });

  it('refuses an expired, tampered or foreign-key token', async () => {
    const now = Date.now();
    const box = api.services.secretBox;
    const { token } = mintWidgetSession(box, { orgId: ORG, incarnation: 'u1', keyId: 'operator' }, 60, now);
    expect(readWidgetSession(box, token, now)).toMatchObject({ org: ORG, inc: 'u1', key: 'operator' });
    expect(readWidgetSession(box, token, now + 61_000)).toBeUndefined();
    const [payload, signature] = token.slice(4).split('.');
    const forged = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace(ORG, OTHER)).toString('base64url');
    expect(readWidgetSession(box, `cbw_${forged}.${signature}`, now)).toBeUndefined();
    expect(readWidgetSession(box, `cbw_${payload}.${'A'.repeat(43)}`, now)).toBeUndefined();
  });

  it('two sessions minted in the same millisecond for the same org and key differ', () => {
    const now = Date.now();
    const minted = { orgId: ORG, incarnation: 'u1', keyId: 'operator' };
    const tokens = new Set(Array.from({ length: 100 }, () => mintWidgetSession(api.services.secretBox, minted, 300, now).token));
    expect(tokens.size).toBe(100);
  });

  it('ends when the key that minted it is revoked', async () => {
    const key = await api.app.inject({ method: 'POST', url: `/v1/orgs/${ORG}/keys`, headers: { authorization: `Bearer ${api.adminKey}` }, payload: { kind: 'admin', role: 'administrator', name: 'minting' } });
    const { id, secret } = key.json<{ id: string; secret: string }>();
    const minted = await api.app.inject({ method: 'POST', url: `/v1/orgs/${ORG}/widget-sessions`, headers: { authorization: `Bearer ${secret}` }, payload: {} });
    const { token } = minted.json<{ token: string }>();
    expect((await get(`/v1/orgs/${ORG}/usage`, token)).statusCode).toBe(200);
    expect((await api.app.inject({ method: 'DELETE', url: `/v1/orgs/${ORG}/keys/${id}`, headers: { authorization: `Bearer ${api.adminKey}` } })).statusCode).toBe(204);
    const after = await get(`/v1/orgs/${ORG}/usage`, token);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('ends with its org: a session of a deleted org does not read the re-created one', async () => {
    const op = { authorization: `Bearer ${api.adminKey}` };
    expect((await api.app.inject({ method: 'POST', url: '/v1/orgs', headers: op, payload: { id: GONE, name: 'gone' } })).statusCode).toBe(201);
    // Minted by the operator key, which is never revoked: only the org's end can end this session.
    const { token } = (await api.app.inject({ method: 'POST', url: `/v1/orgs/${GONE}/widget-sessions`, headers: op, payload: { ttlSeconds: 3600 } })).json<{ token: string }>();
    expect((await get(`/v1/orgs/${GONE}/usage`, token)).statusCode).toBe(200);
    expect((await api.app.inject({ method: 'DELETE', url: `/v1/orgs/${GONE}`, headers: op })).statusCode).toBe(204);
    expect((await api.app.inject({ method: 'POST', url: '/v1/orgs', headers: op, payload: { id: GONE, name: 'again' } })).statusCode).toBe(201);
    const after = await get(`/v1/orgs/${GONE}/usage`, token);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('caps the lifetime at one hour and refuses unknown fields', async () => {
    const tooLong = await api.app.inject({ method: 'POST', url: `/v1/orgs/${ORG}/widget-sessions`, headers: { authorization: `Bearer ${adminSecret}` }, payload: { ttlSeconds: 7200 } });
    expect(tooLong.statusCode).toBe(400);
    const extra = await api.app.inject({ method: 'POST', url: `/v1/orgs/${ORG}/widget-sessions`, headers: { authorization: `Bearer ${adminSecret}` }, payload: { org: 'ws-other' } });
    expect(extra.statusCode).toBe(400);
  });
});
