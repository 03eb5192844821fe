/** Hand-built windows for the usage tests: calls placed at known buckets around a fixed clock. */
import { BUCKET_MS, SLOTS, bucketOf } from '../limiter/window.ts';
import type { LimiterSnapshot, OrgObservation } from '../limiter/types.ts';
import { mulberry32 } from '../seeded-random.ts';
export { mulberry32 };

/** 2024-03-05 10:37:25.250 UTC: mid-minute and mid-hour, so off-by-one-bucket errors show. */
export const NOW = Date.UTC(2024, 2, 5, 10, 37, 25, 250);
export const MINUTE = BUCKET_MS;
export const HOUR = 60 * MINUTE;

/** A full live window at `now` (1,441 buckets ending at the current one) with `calls` at each bucket offset back from the current one. */
export function windowAt(now: number, callsByMinutesAgo: Record<number, number>, org?: OrgObservation): LimiterSnapshot {
  const current = bucketOf(now);
  const firstBucket = current - SLOTS + 1;
  const counts = new Array<number>(SLOTS).fill(0);
  for (const [ago, calls] of Object.entries(callsByMinutesAgo)) {
    const i = current - Number(ago) - firstBucket;
    if (i < 0 || i >= SLOTS) throw new RangeError(`bucket ${ago} minutes ago is outside the window`);
    counts[i] = (counts[i] ?? 0) + calls;
  }
  const snapshot: LimiterSnapshot = { now, firstBucket, counts, total: counts.reduce((a, b) => a + b, 0) };
  if (org) snapshot.org = org;
  return snapshot;
}

/** A random window: a random clock (now and then exactly on a minute), sparse counts, always some in the oldest and current buckets. */
export function randomWindow(random: () => number): LimiterSnapshot {
  const minute = bucketOf(NOW) + Math.floor(random() * 24 * 60);
  const now = minute * MINUTE + (random() < 0.15 ? 0 : 1 + Math.floor(random() * (MINUTE - 1)));
  const calls: Record<number, number> = { 0: 1 + Math.floor(random() * 50), [SLOTS - 1]: 1 + Math.floor(random() * 50) };
  for (let ago = 1; ago < SLOTS - 1; ago++) if (random() < 0.2) calls[ago] = 1 + Math.floor(random() * 200);
  return windowAt(now, calls);
}
