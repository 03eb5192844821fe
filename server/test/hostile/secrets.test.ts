/**
 * Secrets never leak: after realistic traffic (an org connected with a password grant, then moved
 * to JWT bearer; keys of every kind; pushes, pulls, mappings, passthrough, usage, errors, failing
 * requests, a forced session refresh, bytes Node refuses), none of the secrets appears in plain
 * text in any response the test received (except the one response that hands a new key out), in
 * any log line (level trace), or in any value or key name in Redis.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { Connection } from 'jsforce';
import { Transport } from 'jsforce/lib/transport.js';
import type { HttpRequest, HttpResponse } from 'jsforce/lib/types/common.js';
import { recordServedResponses, type ServedResponse } from '../support/served-responses.ts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { assertContractKept, checkContract, type ContractCheck } from '../support/contract-check.ts';
import { loadConfig } from '../../src/config.ts';
import { createServices, type Services } from '../../src/services.ts';
import { startSandbox, type RunningSandbox } from '../support/sandbox.ts';
import type { OrgInfo } from '../support/sandbox.ts';
import { TEST_ENCRYPTION_KEYS, uniqueOrgId } from '../support/api.ts';
import { rawHttp } from '../support/raw-http.ts';
import { HOSTILE_FIELDS } from './support.ts';

/** Every failed-key request comes from here, so no other test's address is counted. */
const ADDRESS = '198.51.100.42';

interface Seen {
  where: string;
  text: string;
}

/** Every value under `pattern` in Redis, with its key: strings, hashes, lists, sets, sorted sets. */
async function redisValues(redis: Redis, pattern: string): Promise<Seen[]> {
  const out: Seen[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      out.push({ where: `redis key name ${key}`, text: key });
      const type = await redis.type(key);
      if (type === 'string') {
        // The limiter's BITFIELD counters are binary; there is no text in them to leak.
        if (key.endsWith(':win:buckets')) continue;
        out.push({ where: `redis ${key}`, text: (await redis.get(key)) ?? '' });
      } else if (type === 'hash') out.push({ where: `redis ${key}`, text: JSON.stringify(await redis.hgetall(key)) });
      else if (type === 'list') out.push({ where: `redis ${key}`, text: (await redis.lrange(key, 0, -1)).join('\n') });
      else if (type === 'set') out.push({ where: `redis ${key}`, text: (await redis.smembers(key)).join('\n') });
      else if (type === 'zset') out.push({ where: `redis ${key}`, text: (await redis.zrange(key, 0, -1, 'WITHSCORES')).join('\n') });
      else if (type === 'stream') out.push({ where: `redis ${key}`, text: JSON.stringify(await redis.xrange(key, '-', '+')) });
      else if (type !== 'none') out.push({ where: `redis ${key}`, text: `unexpected type ${type}` });
    }
  } while (cursor !== '0');
  return out;
}

describe('secrets never leak', () => {
  const logLines: string[] = [];
  const responses: Seen[] = [];
  let served: ServedResponse[];
  /** The one place a key secret may appear: the answer that issued it (it is shown once). */
  const issuedIn = new Map<string, string>();
  const sandboxTokens = new Set<string>();
  let sandbox: RunningSandbox;
  let services: Services;
  let app: FastifyInstance;
  let url: string;
  let contract: ContractCheck | undefined;
  let sf: OrgInfo;
  let orgId: string;
  let adminKey: string;
  let password: string;
  let wrongPassword: string;
  let privateKey: string;
  const keySecrets: string[] = [];
  // Restored in afterAll; always called as originalHttpRequest.call(this, …).
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalHttpRequest = Transport.prototype.httpRequest;

  beforeAll(async () => {
    // Every OAuth and data response jsforce reads (logins included) hands its tokens to the test.
    Transport.prototype.httpRequest = function (this: Transport, req: HttpRequest, options?: unknown) {
      const pending = originalHttpRequest.call(this, req, options as never);
      void Promise.resolve(pending).then(
        (response: HttpResponse) => {
          const body = typeof response.body === 'string' ? response.body : '';
          for (const match of body.matchAll(/"(?:access_token|refresh_token)"\s*:\s*"([^"]+)"/g)) sandboxTokens.add(match[1]!);
        },
        () => undefined,
      );
      return pending;
    };

    sandbox = await startSandbox();
    password = `Hostile-Password-${randomBytes(12).toString('hex')}`;
    wrongPassword = `Wrong-Password-${randomBytes(12).toString('hex')}`;
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    privateKey = pair.privateKey;
    sf = sandbox.control.createOrg({ password, jwtPublicKey: pair.publicKey, customFields: HOSTILE_FIELDS });
    sandboxTokens.add(sf.accessToken);

    adminKey = `cb_operator_${randomBytes(24).toString('base64url')}`;
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'trace',
      CALLBUDGET_ADMIN_KEY: adminKey,
      CALLBUDGET_SANDBOX: 'off',
      CALLBUDGET_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      REDIS_URL: inject('redisUrl'),
      SALESFORCE_ALLOWED_HOSTS: 'http://127.0.0.1:*',
    });
    services = createServices(config, { retry: { maxRetries: 1, minDelayMs: 10, timeoutMs: 400 }, orgCacheMs: 0, authFailures: { maxFailures: 1000, windowMs: 60_000 }, onBackgroundError: () => undefined });
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    app = await buildApp({ services, logStream });
    contract = checkContract(app);
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    orgId = uniqueOrgId('secrets');
    served = recordServedResponses(app.server, `/v1/orgs/${orgId}/salesforce`);
  });

  afterAll(async () => {
    Transport.prototype.httpRequest = originalHttpRequest;
    await app?.close();
    await services?.close();
    await sandbox?.close();
    if (contract) assertContractKept(contract);
  });

  async function call(method: string, path: string, key: string | undefined, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: () => any; body: string }> {
    const response = await app.inject({
      method: method as 'GET',
      url: path,
      remoteAddress: ADDRESS,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    responses.push({ where: `response to ${method} ${path}`, text: `${response.statusCode} ${JSON.stringify(response.headers)}\n${response.body}` });
    return { status: response.statusCode, json: () => response.json(), body: response.body };
  }

  /** A jsforce client on our passthrough; what it receives is captured at our server (`served`). */
  function passthroughClient(key: string): Connection {
    return new Connection({ instanceUrl: `${url}/v1/orgs/${orgId}/salesforce`, accessToken: key, version: '62.0' });
  }

  async function connectionTokens(): Promise<void> {
    const org = await services.orgs.get(orgId);
    const conn = await services.pool.get(org!);
    if (conn.accessToken) sandboxTokens.add(conn.accessToken);
  }

  it('runs realistic traffic, successes and failures', async () => {
    // Connect with the password grant.
    const credentials = { kind: 'password', loginUrl: sf.loginUrl, clientId: sf.clientId, clientSecret: sf.clientSecret, username: sf.username, password };
    expect((await call('POST', '/v1/orgs', adminKey, { id: orgId, name: 'Secrets', plan: 'ultimate', salesforce: credentials })).status).toBe(201);
    await connectionTokens();

    // Keys of each kind: the answer that issues one is the only place its secret is shown.
    const issue = async (body: Record<string, string>): Promise<string> => {
      const response = await call('POST', `/v1/orgs/${orgId}/keys`, adminKey, body);
      expect(response.status).toBe(201);
      const secret = response.json().secret as string;
      keySecrets.push(secret);
      issuedIn.set(secret, `response to POST /v1/orgs/${orgId}/keys`);
      return secret;
    };
    const admin = await issue({ kind: 'admin', role: 'administrator', name: 'admin' });
    const salesperson = await issue({ kind: 'admin', role: 'salesperson', name: 'sales' });
    const sync = await issue({ kind: 'sync', name: 'sync' });
    const widget = await issue({ kind: 'widget', name: 'widget' });
    const doomed = await issue({ kind: 'sync', name: 'to revoke' });
    const minted = await call('POST', `/v1/orgs/${orgId}/widget-sessions`, admin, { ttlSeconds: 600 });
    if (minted.status === 201) {
      const token = minted.json().token as string;
      keySecrets.push(token);
      issuedIn.set(token, `response to POST /v1/orgs/${orgId}/widget-sessions`);
      expect((await call('GET', `/v1/orgs/${orgId}/usage`, token)).status).toBe(200);
    }

    // Sync: mappings, pushes (some records refused), pulls, paged.
    expect((await call('GET', `/v1/orgs/${orgId}/mappings/custom-fields`, admin)).status).toBe(200);
    expect((await call('PUT', `/v1/orgs/${orgId}/mappings/custom-fields`, admin, { mappings: [{ crmField: 'color', salesforceField: 'Favorite_Color__c', conflict: 'recent' }] })).status).toBe(200);
    const pushed = await call('POST', `/v1/orgs/${orgId}/sync/leads`, sync, {
      operation: 'create',
      records: [{ lastName: 'Leak', company: 'Leak Inc' }, { lastName: 'Two', company: 'Two Inc', email: 'two@example.com' }, { nope: 1 }],
    });
    expect(pushed.status).toBe(200);
    const pulled = await call('GET', `/v1/orgs/${orgId}/sync/leads?since=2020-01-01T00:00:00Z&limit=1`, sync);
    expect(pulled.status).toBe(200);
    expect((await call('GET', `/v1/orgs/${orgId}/sync/leads?cursor=${pulled.json().nextCursor as string}`, sync)).status).toBe(200);
    expect((await call('GET', `/v1/orgs/${orgId}/sync/custom-fields?sobject=Lead&since=2020-01-01T00:00:00Z`, sync)).status).toBe(200);

    // The passthrough, as the CRM's own jsforce would use it.
    const client = passthroughClient(sync);
    expect((await client.query('SELECT Id, LastName FROM Lead')).totalSize).toBeGreaterThan(0);
    await client.sobject('Lead').describe();
    await client.request('/limits');

    // Salesforce failing: errors land in the error log.
    sandbox.control.addFault(sf.orgId, { kind: 'error', status: 503, errorCode: 'SERVER_UNAVAILABLE', message: 'down for a moment', count: 5 });
    await call('GET', `/v1/orgs/${orgId}/sync/contacts?since=2020-01-01T00:00:00Z`, sync);
    sandbox.control.clearFaults(sf.orgId);
    // Salesforce not answering at all: the 502 is logged with its cause.
    sandbox.control.addFault(sf.orgId, { kind: 'hang', ms: 1500, count: 4 });
    await call('GET', `/v1/orgs/${orgId}/salesforce/services/data/v62.0/limits`, sync);
    await call('GET', `/v1/orgs/${orgId}/sync/leads?since=2020-01-01T00:00:00Z`, sync);
    sandbox.control.clearFaults(sf.orgId);
    await call('POST', `/v1/orgs/${orgId}/sync/leads`, sync, { operation: 'update', records: [{ id: '00Q000000000000AAA', lastName: 'Ghost' }] });

    // Failing requests: wrong keys, another org, bad input, refused credentials.
    await call('GET', `/v1/orgs/${orgId}/usage`, `${admin.slice(0, -2)}xx`);
    await call('GET', `/v1/orgs/${orgId}/usage`, 'cbk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await call('GET', `/v1/orgs/${orgId}/usage`, undefined);
    await call('GET', `/v1/orgs/${orgId}/usage`, `${adminKey}x`);
    await call('PATCH', `/v1/orgs/${orgId}`, salesperson, { dailyLimit: 10 });
    await call('POST', `/v1/orgs/${orgId}/sync/leads`, sync, '{"operation":"create","records":[');
    await call('GET', `/v1/orgs/${orgId}/sync/leads?since=yesterday`, sync);
    const refused = await call('PATCH', `/v1/orgs/${orgId}`, admin, { salesforce: { ...credentials, password: wrongPassword } });
    expect(refused.status).toBe(400);
    await call('DELETE', `/v1/orgs/${orgId}/keys/${doomed.slice(4, 20)}`, admin);
    await call('GET', `/v1/orgs/${orgId}/usage`, doomed);
    // Bytes Node's parser refuses, carrying a valid key: the trace log must not keep the raw packet.
    const raw = await rawHttp(url, { head: `GET /v1/orgs/${orgId}/usage HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin}\r\nX-Junk: a\x00b`, localAddress: '127.0.0.78' });
    responses.push({ where: 'raw response', text: `${raw.status} ${JSON.stringify(raw.headers)}\n${raw.body}` });
    expect(raw.status).toBe(400);

    // Move to the JWT bearer flow with a private key, then sync again on the new session.
    const jwt = { kind: 'jwt', loginUrl: sf.loginUrl, clientId: sf.clientId, username: sf.username, privateKey };
    expect((await call('PATCH', `/v1/orgs/${orgId}`, admin, { salesforce: jwt })).status).toBe(200);
    await connectionTokens();
    expect((await call('GET', `/v1/orgs/${orgId}/sync/leads?since=2020-01-01T00:00:00Z`, sync)).status).toBe(200);
    // The session expires: the service logs in again (JWT) and replays.
    sandbox.control.invalidateSessions(sf.orgId);
    expect((await call('GET', `/v1/orgs/${orgId}/sync/leads?since=2020-01-01T00:00:00Z`, sync)).status).toBe(200);
    await connectionTokens();
    sandbox.control.invalidateSessions(sf.orgId);
    await client.request('/limits');
    sandboxTokens.add(sandbox.control.getOrg(sf.orgId).accessToken);

    // Every GET route of the org, as an administrator and as the widget.
    for (const route of app.routeLog.filter((r) => r.method === 'GET' && r.url.startsWith('/v1/orgs/:orgId') && !r.url.includes('*'))) {
      const path = route.url.replace(':orgId', orgId).replace(':relationship', 'leads');
      await call('GET', path, admin);
      await call('GET', path, widget);
    }
    await call('GET', `/v1/orgs/${orgId}/errors?format=csv`, admin);
    await call('GET', `/v1/orgs/${orgId}`, adminKey);
    await call('GET', '/openapi.json', undefined);
    expect(sandboxTokens.size).toBeGreaterThanOrEqual(4);
  });

  it('no secret appears in responses, logs or Redis', async () => {
    // Usage and error recording run in the background: let them land.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const redis = new Redis(inject('redisUrl'));
    const stored = await redisValues(redis, 'cb:*').finally(() => redis.quit());
    expect(stored.some((s) => s.where.includes(`{org:${orgId}}:settings`))).toBe(true);
    expect(logLines.length).toBeGreaterThan(50);

    const pemBody = privateKey.split('\n').filter((line) => line && !line.startsWith('-----'));
    const secrets: [string, string][] = [
      ['Salesforce password', password],
      ['refused password', wrongPassword],
      ['client secret', sf.clientSecret],
      ['private key body', pemBody.join('')],
      ...pemBody.filter((line) => line.length >= 40).map((line, i): [string, string] => [`private key line ${i + 1}`, line]),
      ...[...sandboxTokens].map((t, i): [string, string] => [`Salesforce token ${i + 1}`, t]),
      ...keySecrets.map((k, i): [string, string] => [`API key secret ${i + 1}`, k]),
    ];
    const leaks: string[] = [];
    const haystacks: { name: string; items: Seen[] }[] = [
      { name: 'responses', items: [...responses, ...served.map((r) => ({ where: 'passthrough response', text: `${r.statusCode} ${JSON.stringify(r.headers)}\n${r.body}` }))] },
      { name: 'logs', items: logLines.map((text, i) => ({ where: `log line ${i + 1}`, text })) },
      { name: 'redis', items: stored },
    ];
    // Plain text, and the byte list a logger writes for a Buffer (e.g. a parser error's raw packet).
    const forms = [...secrets, ['operator key', adminKey] as [string, string]].flatMap(([name, secret]): [string, string, string][] => [
      [name, secret, secret],
      [`${name} as bytes`, secret, Buffer.from(secret).join(',')],
    ]);
    for (const { items } of haystacks) {
      for (const item of items) {
        for (const [name, secret, form] of forms) {
          const at = item.text.indexOf(form);
          if (at !== -1 && issuedIn.get(secret) !== item.where) leaks.push(`${name} in ${item.where}: …${item.text.slice(Math.max(0, at - 80), at + 20)}…`);
        }
      }
    }
    // The search finds what is there: each key in the one answer that issued it, the org in the logs.
    for (const secret of keySecrets) expect(responses.filter((r) => r.text.includes(secret)).map((r) => r.where)).toEqual([issuedIn.get(secret)]);
    expect(logLines.some((line) => line.includes(orgId))).toBe(true);
    console.info(`secrets: ${secrets.length + 1} secrets checked in ${responses.length} responses, ${logLines.length} log lines, ${stored.length} Redis keys and values`);
    expect(leaks).toEqual([]);
  });
});
