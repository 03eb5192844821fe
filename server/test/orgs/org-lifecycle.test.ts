/**
 * An org id is never reused silently: a deleted org leaves nothing its re-created namesake inherits
 * (keys, figures), and a deletion that stopped halfway neither serves the org nor blocks its id for ever.
 */
import { describe, expect, it } from 'vitest';
import { keys } from '../../src/keys.ts';
import type { Org } from '../../src/orgs/org.ts';
import { STUCK_DELETION_MS } from '../../src/orgs/org-service.ts';
import { uniqueOrgId } from '../support/api.ts';
import { useStack } from '../support/stack.ts';

const stack = useStack();

const call = (method: string, path: string, body?: unknown, key = stack.api.adminKey) =>
  stack.api.app.inject({ method: method as 'GET', url: path, headers: { authorization: `Bearer ${key}` }, ...(body ? { payload: body } : {}) });

describe('org lifecycle', () => {
  it("a key of the deleted org does not open the re-created one, and the old org's figures are gone", async () => {
    const id = uniqueOrgId('life');
    expect((await call('POST', '/v1/orgs', { id, name: id })).statusCode).toBe(201);
    const { secret } = (await call('POST', `/v1/orgs/${id}/keys`, { kind: 'sync' })).json<{ secret: string }>();
    expect((await call('GET', `/v1/orgs/${id}/usage`, undefined, secret)).statusCode).toBe(403);
    await stack.api.services.state.incrementFields(keys.usageHour(id, 1), { 'leads:push': 5 }, 60_000);
    expect((await call('DELETE', `/v1/orgs/${id}`)).statusCode).toBe(204);
    expect((await call('POST', '/v1/orgs', { id, name: id })).statusCode).toBe(201);
    expect((await call('GET', `/v1/orgs/${id}`, undefined, secret)).statusCode).toBe(401);
    expect(await stack.api.services.state.readCounters(keys.usageHour(id, 1))).toEqual({});
    // The new org's audit log starts with its own creation, not the old org's history.
    const audit = (await call('GET', `/v1/orgs/${id}/audit`)).json<{ entries: { action: string }[] }>();
    expect(audit.entries.map((e) => e.action)).toEqual(['org.created']);
  });

  it('an org whose deletion stopped halfway is gone for readers; its id is taken for a minute, then freed by the next create', async () => {
    const id = uniqueOrgId('stuck');
    const created = await call('POST', '/v1/orgs', { id, name: id });
    const { state } = stack.api.services;
    const org = (await state.getJson<Org>(keys.orgSettings(id)))!;
    await state.incrementFields(keys.usageHour(id, 2), { 'leads:push': 3 }, 60_000);
    // What an instance that died after marking the org (and before cleaning up) leaves behind.
    await state.setJson(keys.orgSettings(id), { ...org, deletingSince: new Date().toISOString() });
    expect((await call('GET', `/v1/orgs/${id}`)).statusCode).toBe(404);
    expect((await call('POST', '/v1/orgs', { id, name: id })).json()).toMatchObject({ status: 409, code: 'CONFLICT' });

    await state.setJson(keys.orgSettings(id), { ...org, deletingSince: new Date(Date.now() - STUCK_DELETION_MS - 1000).toISOString() });
    const again = await call('POST', '/v1/orgs', { id, name: 'again' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['etag']).not.toBe(created.headers['etag']);
    expect(await state.readCounters(keys.usageHour(id, 2))).toEqual({});
  });

  it('an org stored before incarnations existed gets one on first read, and its ETag changes with it', async () => {
    const id = uniqueOrgId('legacy');
    expect((await call('POST', '/v1/orgs', { id, name: id })).statusCode).toBe(201);
    const { state } = stack.api.services;
    const { incarnation: _, ...legacy } = (await state.getJson<Org>(keys.orgSettings(id)))!;
    await state.setJson(keys.orgSettings(id), legacy);
    const got = await call('GET', `/v1/orgs/${id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['etag']).toMatch(/^"[A-Za-z0-9_-]{16}\.2"$/);
    expect((await state.getJson<Org>(keys.orgSettings(id)))!.incarnation).toBeTruthy();
    expect((await call('PATCH', `/v1/orgs/${id}`, { dailyLimit: 321 }, undefined)).json()).toMatchObject({ dailyLimit: 321 });
  });
});
