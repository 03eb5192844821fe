/**
 * Issue 8, point 10: our own store failing is named as ours. A Redis that errs during admission, or
 * that is gone, answers 503 NOT_READY with Retry-After and nothing reaches Salesforce (fail closed);
 * the background work it breaks is logged with the request id and counted in the metrics.
 */
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../support/sandbox.ts';
import { connectedOrg, startApi, type RunningApi } from '../support/api.ts';
import { startRedis, type RunningRedis } from '../support/redis-server.ts';
import { countPassthroughRequests, sandboxDataCalls } from '../passthrough/support.ts';

describe('store unavailable', () => {
  let redis: RunningRedis;
  let sandbox: RunningSandbox;
  let api: RunningApi;
  const logLines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    sandbox = await startSandbox();
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    api = await startApi({ redisUrl: redis.url, env: { LOG_LEVEL: 'error' }, logStream, services: { onBackgroundError: () => undefined } });
  });
  afterAll(async () => {
    await api?.close();
    await sandbox?.close();
    await redis?.stop();
  });

  const limits = (orgId: string): Promise<Response> => fetch(`${api.url}/v1/orgs/${orgId}/salesforce/services/data/v62.0/limits`, { headers: { authorization: `Bearer ${api.adminKey}` } });
  const push = (orgId: string): Promise<Response> =>
    fetch(`${api.url}/v1/orgs/${orgId}/sync/leads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'create', records: [{ lastName: 'Closed', company: 'Fail' }] }),
    });
  async function expectNotReady(response: Response): Promise<void> {
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    // The passthrough speaks to Salesforce clients: Salesforce's error array, not problem+json.
    if (new URL(response.url).pathname.includes('/salesforce/')) {
      expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
      expect(await response.json()).toEqual([{ errorCode: 'SERVER_UNAVAILABLE', message: expect.stringContaining('store did not answer') }]);
      return;
    }
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ code: 'NOT_READY' });
  }

  it('erring during admission, then unreachable: 503 NOT_READY, no call leaves; broken settles are logged and counted', async () => {
    const { orgId, sf } = await connectedOrg(api, sandbox);
    sandbox.control.updateOrg(sf.orgId, { latencyMs: 400 });
    const admin = new Redis(redis.url);
    const arrived = countPassthroughRequests(api, orgId);

    // A call admitted while Redis works; Redis refuses every write before its answer comes back.
    const inFlight = limits(orgId);
    while (arrived.count === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    await admin.config('SET', 'maxmemory', '1');
    expect((await inFlight).status).toBe(200);
    const sent = sandboxDataCalls(sandbox, sf.orgId).total;

    await expectNotReady(await limits(orgId));
    await expectNotReady(await push(orgId));

    await admin.quit();
    await redis.stop();
    await expectNotReady(await limits(orgId));
    expect(sandboxDataCalls(sandbox, sf.orgId).total).toBe(sent);
    arrived.stop();

    await api.services.settled();
    const metric = await api.services.metrics.registry.getSingleMetricAsString('callbudget_background_failures_total');
    expect(metric).toMatch(/callbudget_background_failures_total\{task="limiter-settle"\} [1-9]/);
    const settleFailure = logLines.find((line) => line.task === 'limiter-settle');
    expect(settleFailure).toMatchObject({ level: 50, msg: 'background task limiter-settle failed', reqId: expect.stringMatching(/^req-/) });
  });
});
