/**
 * When the limiter refuses, a push or pull answers 429 with Retry-After, and nothing reaches Salesforce
 * (in an org with deferWhenLimited off; with it on, a refused push becomes a job: server/test/jobs/).
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { call, callsDuring, startWorld, testOrg, type SyncWorld } from './sync-world.ts';

let world: SyncWorld;

beforeAll(async () => {
  world = await startWorld(inject('redisUrl'));
});
afterAll(() => world.close());

it('a push whose first request is refused → 429 problem+json with Retry-After, 0 calls', async () => {
  // Budget 2: verifying the credentials spent 1, and sync may fill 95% of 2, i.e. 1 call.
  const { orgId, sf } = await testOrg(world, { dailyLimit: 2, deferWhenLimited: false });
  const { result, calls } = await callsDuring(world, sf, () => call(world, 'POST', `/v1/orgs/${orgId}/sync/leads`, { operation: 'create', records: [{ lastName: 'Late', company: 'L' }] }));
  expect(result.status).toBe(429);
  expect(result.headers.get('content-type')).toContain('application/problem+json');
  expect(result.body.code).toBe('BUDGET_EXHAUSTED');
  expect(Number(result.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(result.headers.get('ratelimit-remaining')).toBe('0');
  expect(calls).toBe(0);

  const pulled = await callsDuring(world, sf, () => call(world, 'GET', `/v1/orgs/${orgId}/sync/leads`));
  expect(pulled.result.status).toBe(429);
  expect(pulled.result.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(pulled.calls).toBe(0);
});

it('a push refused midway keeps what was sent; the rest say BUDGET_EXHAUSTED', async () => {
  // Budget 3: 1 spent verifying, sync may fill 2: one collection goes out, the second is refused.
  const { orgId, sf } = await testOrg(world, { dailyLimit: 3, deferWhenLimited: false });
  const records = Array.from({ length: 250 }, (_, i) => ({ lastName: `Mid ${i}`, company: 'M' }));
  const { result, calls } = await callsDuring(world, sf, () => call(world, 'POST', `/v1/orgs/${orgId}/sync/leads`, { operation: 'create', records }));
  expect(result.status).toBe(200);
  expect(calls).toBe(1);
  expect(result.body.calls).toBe(1);
  const results = result.body.results as { index: number; success: boolean; errors: { code: string }[] }[];
  expect(results.slice(0, 200).every((r) => r.success)).toBe(true);
  expect(results.slice(200).every((r) => !r.success && r.errors[0]!.code === 'BUDGET_EXHAUSTED')).toBe(true);
  expect(results.map((r) => r.index)).toEqual(records.map((_, i) => i));
  expect(Number(result.headers.get('retry-after'))).toBeGreaterThan(0);

  // The admin's mapping page runs at interactive priority, which may still fill the whole budget.
  const page = await callsDuring(world, sf, () => call(world, 'GET', `/v1/orgs/${orgId}/mappings/leads`));
  expect(page.result.status).toBe(200);
  expect(page.calls).toBe(1);
  const again = await callsDuring(world, sf, () => call(world, 'GET', `/v1/orgs/${orgId}/mappings/leads`));
  expect(again.result.status).toBe(200);
  expect(again.calls).toBe(0);
});
