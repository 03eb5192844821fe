/**
 * The Redis side of the window: one key per org (so no part of it can outlive another), the layout
 * the Lua scripts hard-code, and a refusal that costs Redis about what an admit does, full window or not.
 * Uses a redis-server of its own, so command counts are this test's alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startRedis, type RunningRedis } from '../support/redis-server.ts';
import { createRedisStore, scriptSource } from '../../src/limiter/redis-store.ts';
import { createLimiter, DEFAULT_POLICY } from '../../src/limiter/limiter.ts';
import { HEADER_BYTES, HEADER_FIELDS } from '../../src/limiter/layout.ts';
import { WINDOW_TTL_MS } from '../../src/limiter/types.ts';
import { BUCKET_MS, SLOTS } from '../../src/limiter/window.ts';
import { keys } from '../../src/keys.ts';

let server: RunningRedis;
let redis: Redis;
beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url);
});
afterAll(async () => {
  await redis.quit();
  await server.stop();
});

/** Calls of `command` Redis has run (scripts' inner calls included) since the last reset. */
async function commandCalls(command: string): Promise<number> {
  const info = await redis.info('commandstats');
  const match = new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info);
  return Number(match?.[1] ?? 0);
}

describe('Redis window', () => {
  it('keeps an org window in one key with one TTL, renewed as minutes pass', async () => {
    let now = Date.UTC(2026, 11, 2, 8, 0, 5);
    const store = createRedisStore(redis, { pinnedNow: () => now });
    const limiter = createLimiter(store);
    for (let i = 0; i < 5; i++) {
      await limiter.admit('one-key', 1, 'sync', DEFAULT_POLICY);
      now += 20_000;
    }
    await store.observe('one-key', { used: 10, limit: 100, exhausted: true });
    expect(await redis.keys('cb:{org:one-key}*')).toEqual([keys.window('one-key')]);
    const ttl = await redis.pttl(keys.window('one-key'));
    expect(ttl).toBeGreaterThan(WINDOW_TTL_MS - 5_000);
    expect(ttl).toBeLessThanOrEqual(WINDOW_TTL_MS);
  });

  it('uses the header layout the scripts hard-code', () => {
    for (const file of ['admit-1.lua', 'settle-1.lua']) expect(scriptSource(file)).toContain(`local HEADER_BITS = ${HEADER_BYTES * 8}`);
    expect(scriptSource('admit-1.lua')).toContain(`F_INFLIGHT, F_EXPIRES = 7, 8, 9, 10, ${HEADER_FIELDS.inFlight}, ${HEADER_FIELDS.expiresAt}`);
    expect(scriptSource('settle-1.lua')).toContain(`F_INFLIGHT, F_EXPIRES = 8, 9, 11, ${HEADER_FIELDS.inFlight}, ${HEADER_FIELDS.expiresAt}`);
  });

  it('refuses with a full window reading a handful of buckets, not all 1,441', async () => {
    let now = Date.UTC(2026, 11, 2, 0, 0, 0);
    const store = createRedisStore(redis, { pinnedNow: () => now });
    const limiter = createLimiter(store);
    const policy = { ...DEFAULT_POLICY, dailyLimit: SLOTS * 3 };
    for (let minute = 0; minute < SLOTS; minute++) {
      expect((await limiter.admit('full', 3, 'interactive', policy)).allowed).toBe(true);
      now += BUCKET_MS;
    }
    now -= BUCKET_MS; // still inside the newest minute: the window is full
    await redis.config('RESETSTAT');
    const refusals = 100;
    for (let i = 0; i < refusals; i++) {
      const denied = await limiter.admit('full', 1, 'interactive', policy);
      expect(denied.reason).toBe('BUDGET_EXHAUSTED');
    }
    const perRefusal = (await commandCalls('bitfield')) / refusals;
    await redis.config('RESETSTAT');
    await limiter.admit('roomy', 1, 'interactive', policy);
    const perAdmit = await commandCalls('bitfield');
    console.log(`BITFIELD commands: ${perRefusal} per refusal with a full window, ${perAdmit} per admit`);
    // the header read, and one short read from the oldest bucket on (4 buckets, not 1,441)
    expect(perRefusal).toBeLessThanOrEqual(2);
  });
});
