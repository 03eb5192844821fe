/**
 * Deferred pushes on one API instance over the test Redis, with the limiter on the sandbox's manual
 * clock: a push the limiter refuses (or one that asks `Prefer: respond-async`) becomes a job that
 * runs by itself once the window has room, in priority order, and can be cancelled while queued.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../support/sandbox.ts';
import { connectedOrg } from '../support/api.ts';
import { useStack } from '../support/stack.ts';
import { readAll } from '../sync/sync-world.ts';
import { jobOf, leads, push, request, waitForJob } from './job-support.ts';

const ALL_SHARES = { interactive: 1, sync: 1, bulk: 1 };

describe('deferred pushes', () => {
  const clock = new ManualClock();
  const stack = useStack({ sandbox: { clock }, api: { services: { limiterTiming: { pinnedNow: () => clock.now() } } } });
  const composites = (orgId: string): number => stack.sandbox.control.groundTruth(orgId).calls.filter((c) => c.path.includes('/composite/sobjects')).length;

  it('Prefer: respond-async → 202 with Location and Preference-Applied; the job ends with the results a push answers', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    const answer = await push(stack.api, orgId, { operation: 'create', records: leads(3, 'Async') }, { prefer: 'respond-async, wait=5' });
    expect(answer.status).toBe(202);
    expect(answer.headers.get('preference-applied')).toBe('respond-async');
    expect(answer.headers.get('location')).toBe(`/v1/orgs/${orgId}/jobs/${answer.body.id}`);
    expect(answer.body).toMatchObject({ relationship: 'leads', operation: 'create', priority: 'sync', records: 3 });
    const job = await waitForJob(stack.api, orgId, answer.body.id);
    expect(job).toMatchObject({ state: 'done', position: null, expectedStartAt: null, result: { relationship: 'leads', operation: 'create', calls: 1 } });
    expect(job.result.results.map((r: any) => [r.index, r.outcome])).toEqual([
      [0, 'created'],
      [1, 'created'],
      [2, 'created'],
    ]);
    expect(composites(sf.orgId)).toBe(1);
    const listed = await request(stack.api, 'GET', `/v1/orgs/${orgId}/jobs`);
    expect(listed.body.jobs.map((j: any) => j.id)).toContain(answer.body.id);
  });

  it('a push refused at its start waits for the window, then starts within 2 s of it releasing calls', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox, { dailyLimit: 3, thresholds: ALL_SHARES });
    for (const name of ['one', 'two']) expect((await push(stack.api, orgId, { operation: 'create', records: leads(1, name) })).status).toBe(200);
    const before = composites(sf.orgId);
    const answer = await push(stack.api, orgId, { operation: 'create', records: leads(2, 'Later') });
    expect(answer.status).toBe(202);
    expect(answer.headers.get('preference-applied')).toBeNull();
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(answer.body).toMatchObject({ state: 'queued', position: 0, waitingFor: 'BUDGET_EXHAUSTED' });
    // The limiter's own release time: the window's first calls leave 24 h (one bucket at most) later.
    const expectedStart = Date.parse(answer.body.expectedStartAt);
    expect(expectedStart).toBeGreaterThan(clock.now() + 23 * 3_600_000);
    expect(expectedStart).toBeLessThanOrEqual(clock.now() + 24 * 3_600_000 + 60_000);
    expect(composites(sf.orgId)).toBe(before);

    // A minute early: still waiting.
    clock.set(expectedStart - 60_000);
    await new Promise((r) => setTimeout(r, 400));
    expect((await jobOf(stack.api, orgId, answer.body.id)).body.state).toBe('queued');
    expect(composites(sf.orgId)).toBe(before);

    clock.set(expectedStart);
    const advancedAt = Date.now();
    while (composites(sf.orgId) === before && Date.now() - advancedAt < 10_000) await new Promise((r) => setTimeout(r, 5));
    const startedAfterMs = Date.now() - advancedAt;
    expect(startedAfterMs).toBeLessThan(2_000);
    const job = await waitForJob(stack.api, orgId, answer.body.id);
    expect(job.state).toBe('done');
    expect(job.result.results.every((r: any) => r.outcome === 'created')).toBe(true);
  });

  it('a push refused midway is answered 202; the job sends only the rest, and its results cover every record', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox, { dailyLimit: 2, thresholds: ALL_SHARES });
    const answer = await push(stack.api, orgId, { operation: 'create', records: leads(450, 'Midway') });
    expect(answer.status).toBe(202);
    expect(composites(sf.orgId)).toBe(1);
    clock.set(Date.parse(answer.body.expectedStartAt));
    const job = await waitForJob(stack.api, orgId, answer.body.id);
    expect(job.state).toBe('done');
    expect(composites(sf.orgId)).toBe(3);
    expect(job.result.results).toHaveLength(450);
    expect(job.result.results.every((r: any, i: number) => r.index === i && r.outcome === 'created')).toBe(true);
    const names = (await readAll(sf, "SELECT LastName FROM Lead WHERE Company = 'Deferred'")).map((r) => r['LastName']);
    expect(names).toHaveLength(450);
    expect(new Set(names).size).toBe(450);
  });

  it('a queued job can be cancelled (then nothing of it is sent); a done one cannot; an unknown one is 404', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox, { dailyLimit: 1, thresholds: ALL_SHARES });
    const queued = await push(stack.api, orgId, { operation: 'create', records: leads(1, 'Cancelled') });
    expect(queued.status).toBe(202);
    const cancelled = await request(stack.api, 'DELETE', `/v1/orgs/${orgId}/jobs/${queued.body.id}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: queued.body.id, state: 'cancelled', position: null });
    expect((await jobOf(stack.api, orgId, queued.body.id)).body.state).toBe('cancelled');
    clock.set(Date.parse(queued.body.expectedStartAt) + 60_000);
    await new Promise((r) => setTimeout(r, 400));
    expect(composites(sf.orgId)).toBe(0);

    const done = await push(stack.api, orgId, { operation: 'create', records: leads(1, 'Done') }, { prefer: 'respond-async' });
    await waitForJob(stack.api, orgId, done.body.id);
    const refused = await request(stack.api, 'DELETE', `/v1/orgs/${orgId}/jobs/${done.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.state).toBe('done');
    expect((await request(stack.api, 'DELETE', `/v1/orgs/${orgId}/jobs/no-such-job`)).status).toBe(404);
    expect((await jobOf(stack.api, orgId, 'no-such-job')).status).toBe(404);
    expect((await jobOf(stack.api, orgId, 'bad%20id')).status).toBe(400);
  });

  it('with deferWhenLimited off a refused push is a 429, as before', async () => {
    const { orgId } = await connectedOrg(stack.api, stack.sandbox, { dailyLimit: 1, thresholds: ALL_SHARES });
    const patched = await request(stack.api, 'PATCH', `/v1/orgs/${orgId}`, { deferWhenLimited: false });
    expect(patched.status).toBe(200);
    expect(patched.body.deferWhenLimited).toBe(false);
    const answer = await push(stack.api, orgId, { operation: 'create', records: leads(1, 'NoDefer') });
    expect(answer.status).toBe(429);
    expect(answer.body.code).toBe('BUDGET_EXHAUSTED');
    expect((await request(stack.api, 'PATCH', `/v1/orgs/${orgId}`, { deferWhenLimited: 'yes' })).status).toBe(400);
  });

  it('interactive calls still pass while sync and bulk are deferred; sync jobs run before bulk ones', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox, { dailyLimit: 10, thresholds: { interactive: 1, sync: 0.5, bulk: 0.3 } });
    const bulk = { 'x-callbudget-priority': 'bulk' };
    for (let i = 0; i < 2; i++) expect((await push(stack.api, orgId, { operation: 'create', records: leads(1, `bulk ${i}`) }, bulk)).status).toBe(200);
    const bulkJob = await push(stack.api, orgId, { operation: 'create', records: leads(1, 'bulk late') }, bulk);
    expect(bulkJob.status).toBe(202);
    expect(bulkJob.body.priority).toBe('bulk');
    for (let i = 0; i < 2; i++) expect((await push(stack.api, orgId, { operation: 'create', records: leads(1, `sync ${i}`) })).status).toBe(200);
    const syncJob = await push(stack.api, orgId, { operation: 'create', records: leads(1, 'sync late') });
    expect(syncJob.status).toBe(202);

    const interactive = await push(stack.api, orgId, { operation: 'create', records: leads(1, 'admin page') }, { 'x-callbudget-priority': 'interactive' });
    expect(interactive.status).toBe(200);
    expect(interactive.body.results[0].outcome).toBe('created');

    // The sync job is ahead of the bulk one accepted before it.
    const line = (await request(stack.api, 'GET', `/v1/orgs/${orgId}/jobs`)).body.jobs;
    const position = (id: string): number => line.find((j: any) => j.id === id).position;
    expect(position(syncJob.body.id)).toBeLessThan(position(bulkJob.body.id));

    clock.set(Math.max(Date.parse(syncJob.body.expectedStartAt), Date.parse(bulkJob.body.expectedStartAt)));
    const [syncDone, bulkDone] = [await waitForJob(stack.api, orgId, syncJob.body.id), await waitForJob(stack.api, orgId, bulkJob.body.id)];
    expect(syncDone.state).toBe('done');
    expect(bulkDone.state).toBe('done');
    expect(Date.parse(syncDone.finishedAt)).toBeLessThanOrEqual(Date.parse(bulkDone.startedAt));
    expect(composites(sf.orgId)).toBe(7);
  });

  it('a sync key may not ask interactive for its push', async () => {
    const { orgId } = await connectedOrg(stack.api, stack.sandbox);
    const key = await request(stack.api, 'POST', `/v1/orgs/${orgId}/keys`, { kind: 'sync', name: 'crm' });
    expect(key.status).toBe(201);
    const response = await fetch(`${stack.api.url}/v1/orgs/${orgId}/sync/leads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.body.secret}`, 'content-type': 'application/json', 'x-callbudget-priority': 'interactive' },
      body: JSON.stringify({ operation: 'create', records: leads(1, 'Sneaky') }),
    });
    expect(response.status).toBe(403);
  });
});
