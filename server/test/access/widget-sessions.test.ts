/** Short-lived widget tokens: minted by an administrator's key, read-only, one org, expiring. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../support/api.ts';
import { mintWidgetSession, verifyWidgetSession } from '../../src/access/widget-sessions.ts';

describe('widget sessions', () => {
  let api: RunningApi;
  let adminSecret: string;
  beforeAll(async () => {
    api = await startApi({});
    for (const id of ['ws-org', 'ws-other']) {
      expect((await api.app.inject({ method: 'POST', url: '/v1/orgs', headers: { authorization: `Bearer ${api.adminKey}` }, payload: { id, name: id } })).statusCode).toBe(201);
    }
    const key = await api.app.inject({ method: 'POST', url: '/v1/orgs/ws-org/keys', headers: { authorization: `Bearer ${api.adminKey}` }, payload: { kind: 'admin', role: 'administrator' } });
    adminSecret = (key.json() as { secret: string }).secret;
  });
  afterAll(() => api.close());

  const get = (url: string, token: string) => api.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it('an administrator mints a token that reads usage but cannot sync or reach another org', async () => {
    const minted = await api.app.inject({ method: 'POST', url: '/v1/orgs/ws-org/widget-sessions', headers: { authorization: `Bearer ${adminSecret}` }, payload: { ttlSeconds: 300 } });
    expect(minted.statusCode).toBe(201);
    expect(minted.headers['cache-control']).toBe('no-store');
    const { token, expiresAt } = minted.json() as { token: string; expiresAt: string };
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(290_000);
    expect((await get('/v1/orgs/ws-org/usage', token)).statusCode).toBe(200);
    expect((await get('/v1/orgs/ws-org/sync/leads?since=2026-01-01T00:00:00Z', token)).json()).toMatchObject({ code: 'FORBIDDEN_SCOPE' });
    expect((await get('/v1/orgs/ws-other/usage', token)).statusCode).toBe(404);
  });

  it('refuses an expired, tampered or foreign-key token', () => {
    const now = Date.now();
    const { token } = mintWidgetSession(api.services.secretBox, 'ws-org', 60, now);
    expect(verifyWidgetSession(api.services.secretBox, token, now)).toMatchObject({ orgId: 'ws-org', keyKind: 'widget' });
    expect(verifyWidgetSession(api.services.secretBox, token, now + 61_000)).toBeUndefined();
    const [payload, signature] = token.slice(4).split('.');
    const forged = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace('ws-org', 'ws-other')).toString('base64url');
    expect(verifyWidgetSession(api.services.secretBox, `cbw_${forged}.${signature}`, now)).toBeUndefined();
    expect(verifyWidgetSession(api.services.secretBox, `cbw_${payload}.${'A'.repeat(43)}`, now)).toBeUndefined();
  });

  it('caps the lifetime at one hour and refuses unknown fields', async () => {
    const tooLong = await api.app.inject({ method: 'POST', url: '/v1/orgs/ws-org/widget-sessions', headers: { authorization: `Bearer ${adminSecret}` }, payload: { ttlSeconds: 7200 } });
    expect(tooLong.statusCode).toBe(400);
    const extra = await api.app.inject({ method: 'POST', url: '/v1/orgs/ws-org/widget-sessions', headers: { authorization: `Bearer ${adminSecret}` }, payload: { org: 'ws-other' } });
    expect(extra.statusCode).toBe(400);
  });
});
