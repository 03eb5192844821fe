/**
 * The failed-key limit (issue 9, point 4): invalid keys are counted per client address and per
 * claimed key id, and only further invalid attempts are refused (429 AUTH_RATE_LIMITED); a valid
 * key always passes, so a stale tab polling with a revoked key cannot lock its office out. The
 * limit and its window come from configuration; a second instance on the same Redis sees the counts.
 */
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, uniqueOrgId, type RunningApi } from '../support/api.ts';
import { refusalProblem } from './support.ts';

const MAX_FAILURES = 5;
const WINDOW_MS = 60_000;
const SHORT_WINDOW_MS = 1_500;

/** An address no other test uses (the counters live in the shared Redis for a while). */
const freshAddress = (): string => `198.18.${randomInt(256)}.${randomInt(1, 255)}`;
const unknownKey = (): string =>
  `cbk_${randomInt(2 ** 47)
    .toString(16)
    .padStart(16, '0')}_${'A'.repeat(43)}`;

describe('failed-key limit: per address and per claimed key id, never against a valid key', () => {
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
  const usage = (): string => `/v1/orgs/${orgId}/usage`;

  beforeAll(async () => {
    const env = { AUTH_FAILURE_LIMIT: String(MAX_FAILURES), AUTH_FAILURE_WINDOW_MS: String(WINDOW_MS) };
    api = await startApi({ redisUrl: inject('redisUrl'), env });
    second = await startApi({ redisUrl: inject('redisUrl'), adminKey: api.adminKey, env });
    orgId = uniqueOrgId('authfail');
    const setup = freshAddress();
    expect((await send(setup, 'POST', '/v1/orgs', api.adminKey, {}, { id: orgId, name: 'Auth failures' })).statusCode).toBe(201);
    const issued = await send(setup, 'POST', `/v1/orgs/${orgId}/keys`, api.adminKey, {}, { kind: 'admin', role: 'administrator' });
    adminKey = issued.json<{ secret: string }>().secret;
    const doomed = await send(setup, 'POST', `/v1/orgs/${orgId}/keys`, api.adminKey, {}, { kind: 'widget' });
    revokedKey = doomed.json<{ secret: string }>().secret;
    expect((await send(setup, 'DELETE', `/v1/orgs/${orgId}/keys/${doomed.json<{ id: string }>().id}`, adminKey)).statusCode).toBe(204);
  });
  afterAll(async () => {
    await api?.close();
    await second?.close();
  });

  it('a revoked key polled far past the limit leaves valid keys from the same address working the whole time', async () => {
    const office = freshAddress();
    const revokedAnswers: number[] = [];
    const validAnswers: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 3; i++) revokedAnswers.push((await send(office, 'GET', usage(), revokedKey)).statusCode);
      validAnswers.push((await send(office, 'GET', usage(), adminKey)).statusCode);
      if (round % 5 === 0) validAnswers.push((await send(office, 'GET', usage(), api.adminKey)).statusCode);
    }
    // 60 revoked attempts (12× the limit of 5): the first 5 are told the key is bad, the rest are slowed.
    expect(revokedAnswers.filter((s) => s === 401)).toHaveLength(MAX_FAILURES);
    expect(revokedAnswers.filter((s) => s === 429)).toHaveLength(60 - MAX_FAILURES);
    // 24 valid requests (the org admin's and the operator's) interleaved with them: every one 200.
    expect(validAnswers).toHaveLength(24);
    expect(
      validAnswers.every((s) => s === 200),
      JSON.stringify(validAnswers),
    ).toBe(true);

    const refused = await send(office, 'GET', usage(), revokedKey);
    expect(refusalProblem('GET', { status: refused.statusCode, headers: refused.headers, body: refused.body })).toBeUndefined();
    expect(refused.json()).toMatchObject({ code: 'AUTH_RATE_LIMITED', status: 429 });
    expect(refused.headers['retry-after']).toBe(String(WINDOW_MS / 1000));
  });

  it('an address over the limit has its further invalid keys refused on every route, its valid keys served', async () => {
    const attacker = freshAddress();
    // Successes and missing keys are not guesses: they do not count.
    for (let i = 0; i < 3; i++) expect((await send(attacker, 'GET', usage(), adminKey)).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) expect((await send(attacker, 'GET', usage())).statusCode).toBe(401);
    // Each guess claims a different key id (or none): only the address counter can reach the limit.
    const guesses = [unknownKey(), `${adminKey.slice(0, -1)}x`, 'garbage', `${api.adminKey}x`, unknownKey()];
    for (const key of guesses) expect((await send(attacker, 'GET', usage(), key).then((r) => r.json<{ code: string }>())).code, key).toBe('UNAUTHENTICATED');

    const attempts: [string, string, unknown?][] = [
      ['GET', usage()],
      ['GET', `/v1/orgs/${orgId}`],
      ['PATCH', `/v1/orgs/${orgId}`, { name: 'renamed' }],
      ['POST', '/v1/orgs', { id: uniqueOrgId('blocked'), name: 'x' }],
      ['GET', `/v1/orgs/${orgId}/sync/leads`],
    ];
    for (const [method, url, body] of attempts) {
      const response = await send(attacker, method, url, unknownKey(), {}, body);
      expect(response.statusCode, `${method} ${url}`).toBe(429);
      expect(response.json()).toMatchObject({ code: 'AUTH_RATE_LIMITED' });
    }
    // A Salesforce client is told what it can act on, its session is not valid, with the same Retry-After.
    const passthrough = await send(attacker, 'GET', `/v1/orgs/${orgId}/salesforce/services/data/v62.0/limits`, unknownKey());
    expect(passthrough.statusCode).toBe(401);
    expect(passthrough.json()).toEqual([{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]);
    expect(passthrough.headers['retry-after']).toBe(String(WINDOW_MS / 1000));
    // Nothing the refused requests asked for happened, and valid keys still pass from that address.
    expect((await send(attacker, 'GET', `/v1/orgs/${orgId}`, adminKey)).json()).toMatchObject({ name: 'Auth failures' });
    expect((await send(attacker, 'GET', usage(), api.adminKey)).statusCode).toBe(200);

    // A proxy header does not move the client (TRUST_PROXY is off) …
    const bystander = freshAddress();
    expect((await send(attacker, 'GET', usage(), unknownKey(), { 'x-forwarded-for': bystander, forwarded: `for=${bystander}` })).statusCode).toBe(429);
    // … nor blocks anyone else; other addresses' failures count separately.
    expect((await send(bystander, 'GET', usage(), unknownKey(), { 'x-forwarded-for': attacker })).statusCode).toBe(401);
    // The count is shared state: another instance refuses the address too.
    expect((await send(attacker, 'GET', usage(), unknownKey(), {}, undefined, second)).statusCode).toBe(429);
    expect((await send(attacker, 'GET', usage(), adminKey, {}, undefined, second)).statusCode).toBe(200);
  });

  it('a claimed key id over the limit is refused from every address, other keys from those addresses are not', async () => {
    const claimed = unknownKey();
    for (let i = 0; i < MAX_FAILURES; i++) expect((await send(freshAddress(), 'GET', usage(), claimed)).statusCode).toBe(401);
    const elsewhere = freshAddress();
    expect((await send(elsewhere, 'GET', usage(), claimed)).statusCode).toBe(429);
    // Same id, another secret: still that key id's counter.
    expect((await send(elsewhere, 'GET', usage(), `${claimed.slice(0, -1)}B`)).statusCode).toBe(429);
    expect((await send(elsewhere, 'GET', usage(), unknownKey())).statusCode).toBe(401);
    expect((await send(elsewhere, 'GET', usage(), adminKey)).statusCode).toBe(200);
  });

  it('the window comes from configuration and ends by itself', async () => {
    const quick = await startApi({ redisUrl: inject('redisUrl'), adminKey: api.adminKey, env: { AUTH_FAILURE_LIMIT: '2', AUTH_FAILURE_WINDOW_MS: String(SHORT_WINDOW_MS) } });
    try {
      const client = freshAddress();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await send(client, 'GET', usage(), unknownKey(), {}, undefined, quick)).statusCode);
      expect(statuses).toEqual([401, 401, 429, 429]);
      await sleep(SHORT_WINDOW_MS + 300);
      expect((await send(client, 'GET', usage(), unknownKey(), {}, undefined, quick)).statusCode).toBe(401);
    } finally {
      await quick.close();
    }
  });
});

describe('TRUST_PROXY decides the client address the limit counts', () => {
  /** A load balancer's address of its own, so the counters of 127.0.0.1 (other tests) stay untouched. */
  const proxy = `203.0.113.${randomInt(1, 255)}`;
  const proxied = async (env: Record<string, string>): Promise<[number, number]> => {
    const api = await startApi({ redisUrl: inject('redisUrl'), env: { AUTH_FAILURE_LIMIT: '1', AUTH_FAILURE_WINDOW_MS: '60000', ...env } });
    try {
      // Two clients behind one proxy: the first fails once.
      const [first, other] = [freshAddress(), freshAddress()];
      const via = (client: string) => api.app.inject({ url: '/v1/orgs/x/usage', remoteAddress: proxy, headers: { authorization: `Bearer wrong-${client}`, 'x-forwarded-for': client } });
      await via(first);
      return [(await via(first)).statusCode, (await via(other)).statusCode];
    } finally {
      await api.close();
    }
  };

  it('trusts the named proxies or hop count, and nothing by default', async () => {
    // Trusted: each client is itself, so only the one that failed is slowed.
    expect(await proxied({ TRUST_PROXY: '203.0.113.0/24' })).toEqual([429, 401]);
    expect(await proxied({ TRUST_PROXY: `10.1.2.3, ${proxy}` })).toEqual([429, 401]);
    expect(await proxied({ TRUST_PROXY: '1' })).toEqual([429, 401]);
    // Not trusted (other proxies named): the header is ignored and both share the proxy's address.
    expect(await proxied({ TRUST_PROXY: '10.0.0.0/8' })).toEqual([429, 429]);
  });
});
