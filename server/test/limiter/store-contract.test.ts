/** One contract, two stores: the Redis store (real redis-server) and the in-process store. */
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { createRedisStore } from '../../src/limiter/redis-store.ts';
import { createMemoryStore } from '../../src/limiter/memory-store.ts';
import { createLimiter, DEFAULT_POLICY, type LimiterPolicy } from '../../src/limiter/limiter.ts';
import { BUCKET_MS, WINDOW_MS, releaseTimeOf } from '../../src/limiter/window.ts';
import type { LimiterStore } from '../../src/limiter/types.ts';

const connections: Redis[] = [];
afterAll(async () => {
  await Promise.all(connections.map((c) => c.quit()));
});

const START = Date.UTC(2026, 10, 30, 12, 0, 30, 250);
type Factory = (clock: () => number) => LimiterStore;
const stores: [string, Factory][] = [
  [
    'redis',
    (offset) => {
      const redis = new Redis(inject('redisUrl'));
      connections.push(redis);
      return createRedisStore(redis, { pinnedNow: offset, probeMs: 60_000 });
    },
  ],
  ['memory', (offset) => createMemoryStore({ pinnedNow: offset, probeMs: 60_000 })],
];

const policy = (dailyLimit: number, extra: Partial<LimiterPolicy> = {}): LimiterPolicy => ({ ...DEFAULT_POLICY, dailyLimit, ...extra });

describe.each(stores)('%s store', (_name, makeStore) => {
  let offset = 0;
  let store: LimiterStore;
  let org: string;
  beforeEach(() => {
    offset = 0;
    store = makeStore(() => START + offset);
    org = `test-${randomUUID()}`;
  });

  it('admits up to the budget and refuses the next call with the exact release time', async () => {
    const limiter = createLimiter(store);
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await limiter.admit(org, 1, 'interactive', policy(5)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    const denied = results[5]!;
    expect(denied.allowed).toBe(false);
    expect(denied.reason).toBe('BUDGET_EXHAUSTED');
    expect(denied.remaining).toBe(0);
    const firstBucket = results[0]!.bucket;
    expect(denied.now + (denied.retryAfterMs ?? -1)).toBe(releaseTimeOf(firstBucket));
    expect(denied.resetAt).toBe(releaseTimeOf(firstBucket));
  });

  it('frees calls exactly when their bucket leaves the 24 h window', async () => {
    const limiter = createLimiter(store);
    const first = await limiter.admit(org, 3, 'interactive', policy(4));
    expect(first.allowed).toBe(true);
    offset = 10 * BUCKET_MS;
    expect((await limiter.admit(org, 1, 'interactive', policy(4))).allowed).toBe(true);
    expect((await limiter.admit(org, 1, 'interactive', policy(4))).allowed).toBe(false);
    // 1 ms before the first bucket's release: still refused; at it: three calls come back, not four.
    offset = releaseTimeOf(first.bucket) - first.now - 1;
    expect((await limiter.admit(org, 1, 'interactive', policy(4))).allowed).toBe(false);
    offset += 1;
    const back = await Promise.all([1, 2, 3, 4].map(() => limiter.admit(org, 1, 'interactive', policy(4))));
    expect(back.filter((d) => d.allowed)).toHaveLength(3);
    expect(back.find((d) => !d.allowed)?.reason).toBe('BUDGET_EXHAUSTED');
  });

  it('a cost larger than the budget is refused with no retry time', async () => {
    const denied = await createLimiter(store).admit(org, 11, 'interactive', policy(10));
    expect(denied.allowed).toBe(false);
    expect(denied.retryAfterMs).toBeNull();
  });

  it('lower priorities stop at their threshold while interactive goes on', async () => {
    const limiter = createLimiter(store);
    const p = policy(100, { thresholds: { interactive: 1, sync: 0.9, bulk: 0.5 } });
    let bulk = 0;
    while ((await limiter.admit(org, 10, 'bulk', p)).allowed) bulk += 10;
    expect(bulk).toBe(50);
    let sync = 0;
    while ((await limiter.admit(org, 10, 'sync', p)).allowed) sync += 10;
    expect(sync).toBe(40);
    expect((await limiter.admit(org, 10, 'interactive', p)).allowed).toBe(true);
    expect((await limiter.admit(org, 1, 'interactive', p)).allowed).toBe(false);
  });

  it('stops at org limit minus reserve, counting our admits since the last observation', async () => {
    const limiter = createLimiter(store);
    await store.observe(org, { used: 850, limit: 1000, exhausted: false });
    // cap = 1000 - 10% = 900: 50 more calls fit although our own budget is 15,000
    let admitted = 0;
    for (let i = 0; i < 60; i++) if ((await limiter.admit(org, 1, 'interactive', policy(15_000))).allowed) admitted++;
    expect(admitted).toBe(50);
    const snap = await store.snapshot(org);
    expect(snap.org?.estimatedUsed).toBe(900);
    expect(snap.total).toBe(50);
    const denied = await limiter.admit(org, 1, 'interactive', policy(15_000));
    expect(denied.reason).toBe('ORG_RESERVE_REACHED');
    // not "in 24 hours": the figures are re-read by one probing call a probe interval after they were taken
    expect(denied.retryAfterMs).toBe(60_000);
  });

  it('reopens by itself after the reserve was reached: one call per interval probes, and its answer decides', async () => {
    const limiter = createLimiter(store);
    await store.observe(org, { used: 900, limit: 1000, exhausted: false });
    expect((await limiter.admit(org, 1, 'sync', policy(15_000))).reason).toBe('ORG_RESERVE_REACHED');
    offset = 60_000;
    const wave = await Promise.all(Array.from({ length: 8 }, () => limiter.admit(org, 1, 'sync', policy(15_000))));
    const probes = wave.filter((d) => d.allowed);
    expect(probes).toHaveLength(1);
    expect(probes[0]!.probe).toBe(true);
    expect(wave.filter((d) => !d.allowed).every((d) => d.retryAfterMs! <= 60_000)).toBe(true);
    // Salesforce's answer to the probe: other integrations' calls have aged out
    await store.settle(org, probes[0]!.ticket!, { counted: true, report: { used: 301, limit: 1000, exhausted: false } });
    const after = await Promise.all(Array.from({ length: 5 }, () => limiter.admit(org, 1, 'sync', policy(15_000))));
    expect(after.every((d) => d.allowed && !d.probe)).toBe(true);
  });

  it('after REQUEST_LIMIT_EXCEEDED refuses until the probe time, then one call probes and only its answer reopens', async () => {
    const limiter = createLimiter(store);
    const first = await limiter.admit(org, 1, 'interactive', policy(15_000));
    const inFlight = await limiter.admit(org, 1, 'interactive', policy(15_000));
    await store.settle(org, first.ticket!, { counted: false, report: { used: 1000, limit: 1000, exhausted: true } });
    const denied = await limiter.admit(org, 1, 'interactive', policy(15_000));
    expect(denied.reason).toBe('ORG_LIMIT_REACHED');
    expect(denied.retryAfterMs).toBe(60_000);
    // an answer to a call sent before the refusal is older news: it does not reopen the org
    await store.settle(org, inFlight.ticket!, { counted: true, report: { used: 999, limit: 1000, exhausted: false } });
    expect((await limiter.admit(org, 1, 'interactive', policy(15_000))).reason).toBe('ORG_LIMIT_REACHED');
    for (const minutes of [1, 2, 60, 25 * 60]) {
      // nobody feeds a fresh figure: the probe goes out on its own, every interval, for as long as Salesforce refuses
      offset = minutes * 60_000 + 1;
      const wave = await Promise.all([1, 2, 3].map(() => limiter.admit(org, 1, 'interactive', policy(15_000))));
      const probe = wave.find((d) => d.allowed);
      expect(
        wave.filter((d) => d.allowed),
        `at +${minutes} min`,
      ).toHaveLength(1);
      expect(probe?.probe).toBe(true);
      await store.settle(org, probe!.ticket!, { counted: false, report: { used: 1000, limit: 1000, exhausted: true } });
    }
    offset += 60_000;
    const probe = await limiter.admit(org, 1, 'interactive', policy(15_000));
    expect(probe.probe).toBe(true);
    await store.settle(org, probe.ticket!, { counted: true, report: { used: 420, limit: 1000, exhausted: false } });
    const open = await limiter.admit(org, 1, 'interactive', policy(15_000));
    expect(open.allowed && !open.probe).toBe(true);
    // our own count holds only what Salesforce counted: the refused probes were given back (and the
    // calls of the first day have left the window)
    expect((await store.snapshot(org)).total).toBe(2);
  });

  it('never releases a call twice from the org estimate (Salesforce already dropped it when it reported)', async () => {
    const limiter = createLimiter(store);
    const p = policy(15_000, { reservePercent: 10 });
    // 50 of our calls early in a minute; a day later Salesforce reports 40 (other integrations only:
    // ours left its exact window seconds ago, but are still in our minute bucket)
    const ours = await limiter.admit(org, 50, 'interactive', p);
    await store.settle(org, ours.ticket!, { counted: true, report: { used: 50, limit: 100, exhausted: false } });
    offset = WINDOW_MS + 10_000;
    await store.observe(org, { used: 40, limit: 100, exhausted: false });
    let admitted = 0;
    for (let i = 0; i < 60; i++) if ((await limiter.admit(org, 1, 'interactive', p)).allowed) admitted++;
    expect(admitted).toBe(50); // up to 90 = 100 - 10 %
    // our old bucket leaves our window now; the estimate must not drop by it a second time
    offset = WINDOW_MS + 2 * BUCKET_MS;
    const after = await Promise.all(Array.from({ length: 10 }, () => limiter.admit(org, 1, 'interactive', p)));
    // only the probe goes out (its answer will say what Salesforce counts), no call on a guess
    expect(after.filter((d) => d.allowed).map((d) => d.probe)).toEqual([true]);
    expect((await store.snapshot(org)).org?.estimatedUsed).toBe(91);
  });

  it('counts our calls in flight into the org estimate until their answers arrive', async () => {
    const limiter = createLimiter(store);
    await store.observe(org, { used: 800, limit: 1000, exhausted: false });
    const wave = await Promise.all(Array.from({ length: 120 }, () => limiter.admit(org, 1, 'interactive', policy(15_000))));
    const sent = wave.filter((d) => d.allowed);
    expect(sent).toHaveLength(100);
    // answers come back out of order; the first one counted only itself of the 100 in flight
    await store.settle(org, sent[57]!.ticket!, { counted: true, report: { used: 801, limit: 1000, exhausted: false } });
    expect((await store.snapshot(org)).org?.estimatedUsed).toBeGreaterThanOrEqual(900);
    expect((await limiter.admit(org, 1, 'interactive', policy(15_000))).allowed).toBe(false);
    for (const d of sent) if (d !== sent[57]) await store.settle(org, d.ticket!, { counted: true, report: { used: 900, limit: 1000, exhausted: false } });
    const settled = (await store.snapshot(org)).org!;
    expect(settled.inFlight).toBe(0);
    // an answer cannot tell which calls in flight beside it Salesforce had already counted: the
    // estimate stays on the safe side by at most those, until an answer to a call sent alone
    expect(settled.estimatedUsed).toBeGreaterThanOrEqual(900);
    expect(settled.estimatedUsed).toBeLessThanOrEqual(999);
  });

  it('refunds a call that never left, and ignores a refund for a bucket that left the window', async () => {
    const limiter = createLimiter(store);
    const a = await limiter.admit(org, 2, 'interactive', policy(2));
    await store.settle(org, { ...a.ticket!, cost: 1 }, { counted: false });
    expect((await limiter.admit(org, 1, 'interactive', policy(2))).allowed).toBe(true);
    offset = WINDOW_MS + 2 * BUCKET_MS;
    await limiter.admit(org, 1, 'interactive', policy(2));
    await store.settle(org, a.ticket!, { counted: false });
    expect((await store.snapshot(org)).total).toBe(1);
  });

  it('snapshot matches a brute-force recount of admitted calls by bucket', async () => {
    const limiter = createLimiter(store);
    const admittedAt = new Map<number, number>();
    for (let i = 0; i < 40; i++) {
      offset = i * 37 * BUCKET_MS; // spread over ~24.7 h so some buckets leave the window
      const d = await limiter.admit(org, 1 + (i % 3), 'interactive', policy(1_000_000));
      admittedAt.set(d.bucket, (admittedAt.get(d.bucket) ?? 0) + 1 + (i % 3));
    }
    const snap = await store.snapshot(org);
    let expected = 0;
    for (const [bucket, n] of admittedAt) if (releaseTimeOf(bucket) > snap.now) expected += n;
    expect(snap.total).toBe(expected);
    expect(snap.counts.reduce((a, b) => a + b, 0)).toBe(expected);
  });

  it('after a gap longer than the window every call is free again', async () => {
    const limiter = createLimiter(store);
    for (let i = 0; i < 3; i++) await limiter.admit(org, 1, 'interactive', policy(3));
    offset = 3 * WINDOW_MS;
    const results = await Promise.all([1, 2, 3, 4].map(() => limiter.admit(org, 1, 'interactive', policy(3))));
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
  });
});
