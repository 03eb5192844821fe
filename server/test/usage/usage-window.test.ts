/**
 * Clock-advanced: a day of admits through the real Redis store, then the usage report's per-hour
 * figures, release curve and forecast are checked against a recount of every admitted call.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { createRedisStore } from '../../src/limiter/redis-store.ts';
import { createLimiter, DEFAULT_POLICY } from '../../src/limiter/limiter.ts';
import { BUCKET_MS, WINDOW_MS, bucketOf, releaseTimeOf } from '../../src/limiter/window.ts';
import { buildUsageReport } from '../../src/usage/report.ts';
import { mulberry32 } from '../../src/seeded-random.ts';

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());

const HOUR = 3_600_000;

describe('usage over a clock-advanced window', () => {
  it.each([1, 2, 3])('matches a recount of every admitted call (seed %i)', async (seed) => {
    const random = mulberry32(seed);
    const org = `usage-${randomUUID()}`;
    const start = Date.UTC(2026, 10, 29, 0, 0, 0) + Math.floor(random() * HOUR);
    let now = start;
    const limiter = createLimiter(createRedisStore(redis, { pinnedNow: () => now }));
    const policy = { ...DEFAULT_POLICY, dailyLimit: 2_000 };
    const admitted: { at: number; bucket: number; cost: number }[] = [];
    // ~30 h of traffic at an uneven pace, so the oldest calls have already left the window.
    while (now < start + 30 * HOUR) {
      now += Math.floor(random() * 9 * BUCKET_MS) + 1;
      const cost = 1 + Math.floor(random() * 5);
      const d = await limiter.admit(org, cost, 'sync', policy);
      if (d.allowed) admitted.push({ at: now, bucket: d.bucket, cost });
    }
    // A burst in the last hour, so the current pace runs the budget out within the day.
    for (let minute = 0; minute < 50; minute++) {
      now += BUCKET_MS;
      const d = await limiter.admit(org, 5, 'sync', policy);
      if (d.allowed) admitted.push({ at: now, bucket: d.bucket, cost: 5 });
    }
    now += 17_123;
    const snapshot = await limiter.store.snapshot(org);
    const report = buildUsageReport({ snapshot, policy, byRelationship: [], denied: 0 });

    const live = admitted.filter((a) => releaseTimeOf(a.bucket) > now);
    const used = live.reduce((s, a) => s + a.cost, 0);
    expect(report.used).toBe(used);
    expect(report.remaining).toBe(policy.dailyLimit - used);

    // Release curve: each call falls in the hour (from now) its bucket leaves the window; the last
    // slot also takes the current minute's calls, which leave just after now + 24 h.
    const curve = new Array<number>(24).fill(0);
    for (const a of live) curve[Math.min(23, Math.floor((releaseTimeOf(a.bucket) - now) / HOUR))]! += a.cost;
    expect(report.releaseCurve.map((s) => s.calls)).toEqual(curve);
    const next = Math.min(...live.map((a) => releaseTimeOf(a.bucket)));
    expect(report.nextReleaseAtMs).toBe(next);

    // Per hour: by the clock hour each call's bucket started in; older minutes fold into the first.
    const firstHour = Math.floor(now / HOUR) - 23;
    const hours = new Array<number>(24).fill(0);
    for (const a of live) hours[Math.max(0, Math.floor((bucketOf(a.at) * BUCKET_MS) / HOUR) - firstHour)]! += a.cost;
    expect(report.perHour.map((h) => h.calls)).toEqual(hours);

    // Forecast: the rate of the last hour, stepped minute by minute against calls leaving the window.
    const rate = live.filter((a) => a.bucket * BUCKET_MS >= now - HOUR).reduce((s, a) => s + a.cost, 0);
    const cap = Math.floor(policy.dailyLimit * policy.thresholds.sync);
    let expected: number | null = null;
    for (let step = 0; step <= WINDOW_MS / BUCKET_MS && rate > 0; step++) {
      const t = now + step * BUCKET_MS;
      const released = live.filter((a) => releaseTimeOf(a.bucket) <= t).reduce((s, a) => s + a.cost, 0);
      if (cap - used + released - (rate * step) / 60 <= 0) {
        expected = t;
        break;
      }
    }
    expect(report.forecast.ratePerHour).toBe(rate);
    expect(expected).not.toBeNull();
    expect(report.forecast.exhaustedAtMs).toBe(expected);
  });
});
