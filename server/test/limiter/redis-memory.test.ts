/**
 * Memory per org is bounded by the bucket count, not the budget: after a full window of traffic an
 * org with 5,000,000 calls a day uses about what an org with 15,000 does.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { createRedisStore } from '../../src/limiter/redis-store.ts';
import { createLimiter, DEFAULT_POLICY } from '../../src/limiter/limiter.ts';
import { BUCKET_MS, SLOTS } from '../../src/limiter/window.ts';
import { keys } from '../../src/keys.ts';

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());

/** Fill every minute of a 24 h window with a budget's worth of calls; return bytes used by the org's keys. */
export async function memoryAfterFullWindow(budget: number): Promise<number> {
  const org = `mem-${randomUUID()}`;
  let now = Date.UTC(2026, 10, 1);
  const store = createRedisStore(redis, { pinnedNow: () => now });
  const limiter = createLimiter(store);
  const perMinute = Math.floor(budget / SLOTS);
  for (let minute = 0; minute < SLOTS; minute++) {
    now += BUCKET_MS;
    const decision = await limiter.admit(org, perMinute, 'interactive', { ...DEFAULT_POLICY, dailyLimit: budget });
    if (!decision.allowed) throw new Error(`refused at minute ${minute}`);
  }
  await store.observe(org, { used: budget, limit: budget * 2, exhausted: false });
  let bytes = 0;
  for (const key of [keys.window(org)]) bytes += Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
  return bytes;
}

describe('Redis memory per org', () => {
  it('is the same order for budgets of 15,000 and 5,000,000', async () => {
    const small = await memoryAfterFullWindow(15_000);
    const large = await memoryAfterFullWindow(5_000_000);
    console.log(`redis memory per org after a full window: budget 15,000 → ${small} B, budget 5,000,000 → ${large} B`);
    expect(small).toBeGreaterThan(SLOTS * 4);
    expect(large).toBeLessThan(small * 1.5);
    expect(large).toBeLessThan(16 * 1024);
  }, 60_000);
});
