/**
 * Chaos: 10,000 records pushed as five keyed async pushes while the budget runs out, over two API
 * instances (child processes) and a Redis with AOF that the test owns. The instance sending a chunk is
 * SIGKILLed with a chunk in flight, the pushes are re-sent with their Idempotency-Keys to the survivor, and Redis is
 * restarted. Once the (manual) clock frees the window, the sandbox holds every record exactly once,
 * and no rolling 24 h window of our calls, by the sandbox's ground truth, ever exceeded the budget.
 */
import type { IncomingMessage } from 'node:http';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKillableApi, type KillableApi } from '../support/killable-api.ts';
import { sandboxCredentials } from '../support/api.ts';
import { startRedis, type RunningRedis } from '../support/redis-server.ts';
import { ManualClock, startSandbox, type OrgInfo, type RunningSandbox } from '../support/sandbox.ts';
import { WINDOW_MS } from '../../src/limiter/window.ts';
import { direct } from '../sync/sync-world.ts';

const BUDGET = 40;
const PUSHES = 5;
const PER_PUSH = 2_000;
const ORG = 'chaos';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('chaos: an instance killed and Redis restarted while 10,000 records wait for the window', () => {
  const clock = new ManualClock();
  const dir = mkdtempSync(join(tmpdir(), 'cb-chaos-'));
  const clockFile = join(dir, 'clock');
  const adminKey = `cb_test_chaos_${Date.now()}_admin_key`;
  let redis: RunningRedis;
  let sandbox: RunningSandbox;
  let sf: OrgInfo;
  const apis: KillableApi[] = [];

  const writeClock = (): void => {
    writeFileSync(`${clockFile}.next`, String(clock.now()));
    renameSync(`${clockFile}.next`, clockFile);
  };
  const call = async (api: KillableApi, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const records = (p: number): Record<string, unknown>[] => Array.from({ length: PER_PUSH }, (_, i) => ({ crmId: `r-${p * PER_PUSH + i}`, lastName: `Chaos ${p * PER_PUSH + i}`, company: 'Chaos' }));
  // Creates: sending one twice would duplicate its records; an External ID field is mapped (crmId).
  const pushBody = (p: number): unknown => ({ operation: 'create', records: records(p) });
  const ours = (): { time: number; client: string | null; path: string }[] => sandbox.control.groundTruth(sf.orgId, { limit: 100_000 }).calls.filter((c) => c.counted && (c.client === 'cb-a' || c.client === 'cb-b'));
  /** The jobs as the survivor sees them, tolerating a Redis that is restarting. */
  const jobs = async (api: KillableApi): Promise<any[]> => {
    for (;;) {
      const answer = await call(api, 'GET', `/v1/orgs/${ORG}/jobs`).catch(() => undefined);
      if (answer?.status === 200) return answer.body.jobs;
      await sleep(100);
    }
  };

  beforeAll(async () => {
    writeClock();
    redis = await startRedis({ appendOnlyDir: dir });
    sandbox = await startSandbox({ clock });
    sf = sandbox.control.createOrg({ dailyLimit: 1_000_000, latencyMs: 200, customFields: [{ object: 'Lead', name: 'Crm_Id__c', type: 'string', externalId: true, unique: true }] });
    for (const clientName of ['cb-a', 'cb-b']) apis.push(await startKillableApi({ redisUrl: redis.url, adminKey, clientName, clockFile, lockMs: 2_000 }));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(apis.map((api) => api.stop()));
    await sandbox?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every record lands exactly once and no 24 h window exceeds the budget', async () => {
    const [a, b] = apis as [KillableApi, KillableApi];
    const created = await call(a, 'POST', '/v1/orgs', { id: ORG, name: 'Chaos', dailyLimit: BUDGET, reservePercent: 0, thresholds: { interactive: 1, sync: 1, bulk: 1 }, salesforce: sandboxCredentials(sf) });
    expect(created.status).toBe(201);
    const mappings = [
      { crmField: 'crmId', salesforceField: 'Crm_Id__c', conflict: 'crm' },
      { crmField: 'lastName', salesforceField: 'LastName', conflict: 'crm' },
      { crmField: 'company', salesforceField: 'Company', conflict: 'crm' },
    ];
    expect((await call(a, 'PUT', `/v1/orgs/${ORG}/mappings/leads`, { mappings })).status).toBe(200);

    const accepted = await Promise.all(Array.from({ length: PUSHES }, (_, p) => call(apis[p % 2]!, 'POST', `/v1/orgs/${ORG}/sync/leads`, pushBody(p), { prefer: 'respond-async', 'idempotency-key': `chaos-${p}` })));
    expect(accepted.map((r) => r.status)).toEqual(Array(PUSHES).fill(202));
    const jobIds = accepted.map((r) => r.body.id as string);

    // Mid-run: the moment the 9th chunk arrives at Salesforce (it is answered 200 ms later), kill its sender.
    const sender = await new Promise<string>((resolve) => {
      let arrived = 0;
      const onRequest = (request: IncomingMessage): void => {
        if (!request.url?.includes('/composite/sobjects') || ++arrived < 9) return;
        sandbox.server.off('request', onRequest);
        resolve(/client=([\w-]+)/.exec(String(request.headers['sforce-call-options']))?.[1] ?? '');
      };
      sandbox.server.on('request', onRequest);
    });
    const [victim, survivor] = sender === 'cb-a' ? [a, b] : [b, a];
    await victim.kill();

    // The CRM retries every push with its key on the survivor: the same jobs, nothing new.
    const retried = await Promise.all(Array.from({ length: PUSHES }, (_, p) => call(survivor, 'POST', `/v1/orgs/${ORG}/sync/leads`, pushBody(p), { prefer: 'respond-async', 'idempotency-key': `chaos-${p}` })));
    expect(retried.map((r) => r.body.id)).toEqual(jobIds);

    // Redis goes down and comes back with its AOF.
    await redis.stop();
    redis = await startRedis({ appendOnlyDir: dir, port: redis.port });

    // The budget runs out: the rest waits for the window, none of it running.
    let waiting: any[] = [];
    for (let settled = false; !settled; await sleep(100)) {
      waiting = (await jobs(survivor)).filter((j) => jobIds.includes(j.id) && j.state !== 'done');
      settled = waiting.length > 0 && waiting.every((j) => j.state === 'queued' && j.waitingFor === 'BUDGET_EXHAUSTED');
    }
    // The limiter spent the whole budget (the killed instance's last call may not have been counted by the org).
    const sentBefore = ours().length;
    expect(sentBefore).toBeGreaterThanOrEqual(BUDGET - 1);
    expect(sentBefore).toBeLessThanOrEqual(BUDGET);

    // A day later the window frees; the rest goes out.
    clock.set(Math.max(...waiting.map((j) => Date.parse(j.expectedStartAt))) + 60_000);
    writeClock();
    let finished: any[] = [];
    while (finished.length < PUSHES) {
      finished = (await jobs(survivor)).filter((j) => jobIds.includes(j.id) && (j.state === 'done' || j.state === 'failed'));
      await sleep(100);
    }
    expect(finished.map((j) => j.state)).toEqual(Array(PUSHES).fill('done'));
    const outcomes: string[] = [];
    for (const id of jobIds) {
      const job = (await call(survivor, 'GET', `/v1/orgs/${ORG}/jobs/${id}`)).body;
      expect(job.result.results).toHaveLength(PER_PUSH);
      outcomes.push(...job.result.results.map((r: any) => r.outcome));
    }
    // The chunk in flight when its instance died (Salesforce may or may not have saved it) was re-sent once,
    // as an upsert on Crm_Id__c, by the survivor: its records were created or updated, never created twice.
    const upserts = ours().filter((c) => c.path.endsWith('/composite/sobjects/Lead/Crm_Id__c'));
    expect(upserts).toHaveLength(1);
    const updated = outcomes.filter((o) => o === 'updated').length;
    expect([0, 200]).toContain(updated);
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(PUSHES * PER_PUSH - updated);

    // Exactly once in the sandbox's record store.
    const stored = (await direct(sf).query<{ Crm_Id__c: string }>("SELECT Crm_Id__c FROM Lead WHERE Company = 'Chaos'").execute({ autoFetch: true, maxFetch: 20_000 })).records;
    expect(stored).toHaveLength(PUSHES * PER_PUSH);
    expect(new Set(stored.map((r) => r.Crm_Id__c))).toEqual(new Set(Array.from({ length: PUSHES * PER_PUSH }, (_, i) => `r-${i}`)));

    // By the ground truth: no rolling 24 h window of our calls over the budget; some went after the window freed.
    const times = ours()
      .map((c) => c.time)
      .sort((x, y) => x - y);
    expect(times.length).toBeGreaterThan(sentBefore);
    let first = 0;
    for (let last = 0; last < times.length; last++) {
      while (times[first]! <= times[last]! - WINDOW_MS) first++;
      expect(last - first + 1).toBeLessThanOrEqual(BUDGET);
    }
  }, 120_000);
});
