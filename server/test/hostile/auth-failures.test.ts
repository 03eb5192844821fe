/**
 * The failed-key limit: after N failed keys from one client address, that address is refused with
 * 429 AUTH_RATE_LIMITED and Retry-After — even with a valid key, on every route that authenticates —
 * while other addresses carry on. A proxy header cannot move a client to another address, and a
 * second instance on the same Redis refuses the address too.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, uniqueOrgId, type RunningApi } from '../support/api.ts';
import { refusalProblem } from './support.ts';

const MAX_FAILURES = 5;
const WINDOW_MS = 60_000;

/** An address no other test uses (the counters live in the shared Redis for a minute). */
const freshAddress = (): string => `198.18.${randomInt(256)}.${randomInt(1, 255)}`;

describe('failed-key limit per client address', () => {
  let api: RunningApi;
  let second: RunningApi;
  let orgId: string;
  let adminKey: string;
  let revokedKey: string;

  const send = (address: string, method: string, url: string, key?: string, headers: Record<string, string> = {}, body?: unknown, on = api) =>
    on.app.inject({
      method: method as 'GET',
      url,
      remoteAddress: address,
      headers: { ...(key !== undefined ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });

  beforeAll(async () => {
    const policy = { authFailures: { maxFailures: MAX_FAILURES, windowMs: WINDOW_MS } };
    api = await startApi({ redisUrl: inject('redisUrl'), services: policy });
    second = await startApi({ redisUrl: inject('redisUrl'), adminKey: api.adminKey, services: policy });
    orgId = uniqueOrgId('authfail');
    const setup = freshAddress();
    expect((await send(setup, 'POST', '/v1/orgs', api.adminKey, {}, { id: orgId, name: 'Auth failures' })).statusCode).toBe(201);
    const issued = await send(setup, 'POST', `/v1/orgs/${orgId}/keys`, api.adminKey, {}, { kind: 'admin', role: 'administrator' });
    adminKey = issued.json<{ secret: string }>().secret;
    const doomed = await send(setup, 'POST', `/v1/orgs/${orgId}/keys`, api.adminKey, {}, { kind: 'sync' });
    revokedKey = doomed.json<{ secret: string }>().secret;
    expect((await send(setup, 'DELETE', `/v1/orgs/${orgId}/keys/${doomed.json<{ id: string }>().id}`, adminKey)).statusCode).toBe(204);
  });
  afterAll(async () => {
    await api?.close();
    await second?.close();
  });

  it(`refuses an address after ${MAX_FAILURES} failed keys, valid key or not, and no other address`, async () => {
    const attacker = freshAddress();
    const bystander = freshAddress();
    const usage = `/v1/orgs/${orgId}/usage`;
    // Successes and missing keys are not guesses: they do not count.
    for (let i = 0; i < 3; i++) expect((await send(attacker, 'GET', usage, adminKey)).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) expect((await send(attacker, 'GET', usage)).statusCode).toBe(401);

    const wrong = ['cbk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', `${adminKey.slice(0, -1)}x`, revokedKey, 'garbage', `${api.adminKey}x`];
    for (const key of wrong.slice(0, MAX_FAILURES)) {
      const response = await send(attacker, 'GET', usage, key);
      expect(response.statusCode, key).toBe(401);
      expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    }

    // The next request is refused whatever it carries, on every route that authenticates.
    const attempts: [string, string, string | undefined, unknown?][] = [
      ['GET', usage, adminKey],
      ['GET', usage, api.adminKey],
      ['GET', usage, wrong[0]],
      ['GET', `/v1/orgs/${orgId}`, adminKey],
      ['PATCH', `/v1/orgs/${orgId}`, adminKey, { name: 'renamed' }],
      ['POST', '/v1/orgs', api.adminKey, { id: uniqueOrgId('blocked'), name: 'x' }],
      ['GET', `/v1/orgs/${orgId}/sync/leads`, adminKey],
      ['GET', `/v1/orgs/${orgId}/salesforce/services/data/v62.0/limits`, adminKey],
    ];
    for (const [method, url, key, body] of attempts) {
      const response = await send(attacker, method, url, key, {}, body);
      const label = `${method} ${url}`;
      expect(refusalProblem(method, { status: response.statusCode, headers: response.headers, body: response.body }), label).toBeUndefined();
      expect(response.statusCode, label).toBe(429);
      expect(response.json(), label).toMatchObject({ code: 'AUTH_RATE_LIMITED', status: 429 });
      expect(response.headers['retry-after'], label).toBe(String(WINDOW_MS / 1000));
    }
    // Nothing the blocked requests asked for happened.
    expect((await send(bystander, 'GET', `/v1/orgs/${orgId}`, adminKey)).json()).toMatchObject({ name: 'Auth failures' });

    // A proxy header does not change who the client is (trustProxy is off) …
    expect((await send(attacker, 'GET', usage, adminKey, { 'x-forwarded-for': bystander, 'x-real-ip': bystander, forwarded: `for=${bystander}` })).statusCode).toBe(429);
    // … nor blocks anyone else.
    expect((await send(bystander, 'GET', usage, adminKey, { 'x-forwarded-for': attacker })).statusCode).toBe(200);

    // Other addresses are unaffected: they authenticate, and their own failures count separately.
    expect((await send(bystander, 'GET', usage, adminKey)).statusCode).toBe(200);
    expect((await send(bystander, 'GET', usage, wrong[0])).statusCode).toBe(401);
    expect((await send(bystander, 'GET', usage, adminKey)).statusCode).toBe(200);
    expect((await send('2001:db8::beef', 'GET', usage, adminKey)).statusCode).toBe(200);

    // The count is shared state: another instance on the same Redis refuses the address too.
    expect((await send(attacker, 'GET', usage, adminKey, {}, undefined, second)).statusCode).toBe(429);
    expect((await send(bystander, 'GET', usage, adminKey, {}, undefined, second)).statusCode).toBe(200);
  });

  it(`counts up to exactly ${MAX_FAILURES}: one failure fewer still lets a valid key in`, async () => {
    const client = freshAddress();
    const usage = `/v1/orgs/${orgId}/usage`;
    for (let i = 0; i < MAX_FAILURES - 1; i++) expect((await send(client, 'GET', usage, `cbk_${'0'.repeat(16)}_${'B'.repeat(43)}`)).statusCode).toBe(401);
    expect((await send(client, 'GET', usage, adminKey)).statusCode).toBe(200);
    expect((await send(client, 'GET', usage, 'wrong')).statusCode).toBe(401);
    expect((await send(client, 'GET', usage, adminKey)).statusCode).toBe(429);
  });
});
