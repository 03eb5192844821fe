/**
 * Webhook endpoints: the secret is shown once and stored sealed, URLs that could reach inside the
 * network are refused (400, not 5xx) unless the operator allowed their origin, and embedded mode
 * (no Redis) delivers with the same retry policy.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { startApi, uniqueOrgId, type RunningApi } from '../support/api.ts';
import { useStack } from '../support/stack.ts';
import { isPrivateAddress, publicOnlyLookup } from '../../src/webhooks/webhook-url.ts';
import { DEFAULT_ALERT_SETTINGS } from '../../src/alerts/alert-types.ts';
import { call } from './client.ts';
import { startReceiver, type Receiver } from './receiver.ts';

async function newOrg(api: RunningApi): Promise<string> {
  const orgId = uniqueOrgId('hooks');
  expect((await call(api, 'POST', '/v1/orgs', { id: orgId, name: orgId })).status).toBe(201);
  return orgId;
}

describe('webhook endpoints', () => {
  const stack = useStack({ api: { env: { WEBHOOK_ALLOWED_HOSTS: 'http://127.0.0.1:*' }, services: { webhooks: { queuePrefix: `test-${randomUUID()}` } } } });

  it('shows the secret once, stores it sealed, and lists, changes and deletes endpoints', async () => {
    const orgId = await newOrg(stack.api);
    const created = await call(stack.api, 'POST', `/v1/orgs/${orgId}/webhooks`, { url: 'https://hooks.example.com/callbudget', events: ['sync-paused'], format: 'slack', description: 'ops channel' });
    expect(created.status).toBe(201);
    const { id, secret } = created.body as { id: string; secret: string };
    const redis = new Redis(inject('redisUrl'));
    const stored = await redis.get(`cb:{org:${orgId}}:webhook:${id}`).finally(() => redis.quit());
    expect(stored).toContain('"sealedSecret":"v1.');
    expect(stored).not.toContain(secret);
    const read = await call(stack.api, 'GET', `/v1/orgs/${orgId}/webhooks/${id}`);
    expect(read.body).toMatchObject({ id, url: 'https://hooks.example.com/callbudget', events: ['sync-paused'], format: 'slack', description: 'ops channel' });
    expect(JSON.stringify(read.body)).not.toContain('whsec_');
    const changed = await call(stack.api, 'PATCH', `/v1/orgs/${orgId}/webhooks/${id}`, { events: ['budget-exhausted', 'sync-resumed'], format: 'json' });
    expect(changed.body).toMatchObject({ events: ['budget-exhausted', 'sync-resumed'], format: 'json', description: 'ops channel' });
    expect(((await call(stack.api, 'GET', `/v1/orgs/${orgId}/webhooks`)).body.webhooks as unknown[]).length).toBe(1);
    expect((await call(stack.api, 'DELETE', `/v1/orgs/${orgId}/webhooks/${id}`)).status).toBe(204);
    expect((await call(stack.api, 'GET', `/v1/orgs/${orgId}/webhooks/${id}`)).status).toBe(404);
    expect((await call(stack.api, 'DELETE', `/v1/orgs/${orgId}/webhooks/${id}`)).status).toBe(404);
  });

  it('refuses URLs that could reach inside the network, bad bodies, and an eleventh endpoint', async () => {
    const orgId = await newOrg(stack.api);
    for (const url of [
      'http://hooks.example.com/x',
      'https://10.0.0.5/x',
      'https://127.0.0.1/x',
      'https://169.254.169.254/latest',
      'https://[::1]/x',
      'https://[::ffff:10.0.0.1]/x',
      'https://localhost/x',
      'https://intranet/x',
      'https://user:pw@hooks.example.com/x',
      'ftp://hooks.example.com/x',
      'not a url',
      'http://127.0.0.2:80/x',
    ]) {
      const refused = await call(stack.api, 'POST', `/v1/orgs/${orgId}/webhooks`, { url });
      expect(refused.status, url).toBe(400);
      expect(refused.body.code, url).toBe('VALIDATION_FAILED');
    }
    for (const body of [
      {},
      { url: 'https://hooks.example.com', events: [] },
      { url: 'https://hooks.example.com', events: ['nope'] },
      { url: 'https://hooks.example.com', format: 'xml' },
      { url: 'https://hooks.example.com', secret: 'mine' },
    ]) {
      expect((await call(stack.api, 'POST', `/v1/orgs/${orgId}/webhooks`, body)).status, JSON.stringify(body)).toBe(400);
    }
    // The operator's allowed origin (tests: loopback, any port) may be http.
    const allowed = await call(stack.api, 'POST', `/v1/orgs/${orgId}/webhooks`, { url: 'http://127.0.0.1:9/hook' });
    expect(allowed.status).toBe(201);
    expect((await call(stack.api, 'PATCH', `/v1/orgs/${orgId}/webhooks/${allowed.body.id as string}`, { url: 'https://192.168.1.1/' })).status).toBe(400);
    for (let i = 1; i < 10; i++) expect((await call(stack.api, 'POST', `/v1/orgs/${orgId}/webhooks`, { url: `https://hooks.example.com/${i}` })).status).toBe(201);
    expect((await call(stack.api, 'POST', `/v1/orgs/${orgId}/webhooks`, { url: 'https://hooks.example.com/11' })).body.code).toBe('CONFLICT');
  });

  it('knows private addresses, and refuses a name that resolves to one at send time', async () => {
    for (const address of ['10.1.2.3', '127.0.0.1', '172.16.0.1', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '224.0.0.1'])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(isPrivateAddress(address), address).toBe(false);
    const error = await new Promise<Error | null>((resolve) => publicOnlyLookup('localhost', {}, (err) => resolve(err)));
    expect(error?.name).toBe('PrivateAddressError');
  });
});

describe('webhooks in embedded mode (no Redis)', () => {
  let api: RunningApi;
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
    api = await startApi({ env: { WEBHOOK_ALLOWED_HOSTS: 'http://127.0.0.1:*' }, services: { webhooks: { retry: { baseDelayMs: 20 } } } });
  });
  afterAll(async () => {
    await api.close();
    await receiver.close();
  });

  it('delivers in process with the same retry policy: a 503 is retried, a 400 is not', async () => {
    const orgId = await newOrg(api);
    const retried = await call(api, 'POST', `/v1/orgs/${orgId}/webhooks`, { url: `${receiver.url}/retried`, events: ['budget-exhausted'] });
    const refused = await call(api, 'POST', `/v1/orgs/${orgId}/webhooks`, { url: `${receiver.url}/refused`, events: ['budget-exhausted'] });
    receiver.answer('/retried', 503, 429);
    receiver.answer('/refused', 400);
    const alert = { type: 'budget-exhausted' as const, code: 'BUDGET_EXHAUSTED', message: 'test', at: Date.now() };
    expect(await api.services.alerts.raise(orgId, alert, DEFAULT_ALERT_SETTINGS)).toBe(true);
    const attempts = await receiver.waitFor('/retried', 3);
    expect(attempts.map((a) => a.headers['callbudget-attempt'])).toEqual(['1', '2', '3']);
    await receiver.waitFor('/refused', 1);
    // The log is written once the answer is in.
    await api.services.webhooks.queue.idle();
    const log = await call(api, 'GET', `/v1/orgs/${orgId}/webhooks/${refused.body.id as string}/deliveries`);
    expect(log.body.deliveries).toMatchObject([{ attempt: 1, status: 400, outcome: 'failed' }]);
    const retriedLog = await call(api, 'GET', `/v1/orgs/${orgId}/webhooks/${retried.body.id as string}/deliveries`);
    expect((retriedLog.body.deliveries as { outcome: string }[]).map((d) => d.outcome)).toEqual(['delivered', 'retrying', 'retrying']);
  });
});
