/**
 * Hour-by-hour views of one org's window: when our calls were made, and when they leave it.
 * Both fold the window's one-minute edges into their nearest entry (see each function), so the
 * entries always sum to the calls still in the window and a chart never disagrees with `used`.
 */
import { BUCKET_MS, WINDOW_MS, releaseTimeOf } from '../limiter/window.ts';
import type { WindowSnapshot } from '../limiter/window.ts';

export const HOUR_MS = 60 * 60 * 1000;
/** Entries in the hourly series: one rolling window, in whole hours. */
export const HOURS = WINDOW_MS / HOUR_MS;

/** Calls made in one clock hour. */
export interface HourCalls {
  /** Start of the clock hour, ISO-8601. */
  start: string;
  calls: number;
}

/** Calls that leave the window in one hour-long slot counted from now. */
export interface ReleaseSlot {
  /** ISO-8601, inclusive. */
  start: string;
  /** ISO-8601, exclusive. */
  end: string;
  calls: number;
}

/** One non-empty bucket still in the window, with the moment its calls leave it. */
export interface LiveBucket {
  bucket: number;
  calls: number;
  releaseAt: number;
}

/** ISO-8601 of an epoch-ms moment. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The snapshot's non-empty buckets still in the window at `snapshot.now`, oldest first. A hand-made or
 * stale snapshot may carry buckets that have already left; they no longer count against anything.
 */
export function liveBuckets(snapshot: WindowSnapshot): LiveBucket[] {
  const live: LiveBucket[] = [];
  snapshot.counts.forEach((calls, i) => {
    const bucket = snapshot.firstBucket + i;
    const releaseAt = releaseTimeOf(bucket);
    if (calls > 0 && releaseAt > snapshot.now) live.push({ bucket, calls, releaseAt });
  });
  return live;
}

/** When the oldest call still in the window leaves it; null when the window is empty. */
export function nextReleaseTime(snapshot: WindowSnapshot): number | null {
  return liveBuckets(snapshot)[0]?.releaseAt ?? null;
}

/**
 * Our calls per clock hour over the last 24 hours, oldest first; the newest entry is the current hour.
 * A bucket belongs to the hour its start falls in. The window reaches back 24 h from the current
 * minute, so its oldest minutes (they leave within the hour) start in the hour before the first
 * entry: they are counted in the first entry. A store clock running ahead of `now` can show a bucket
 * past the current hour: it is counted in the newest entry.
 */
export function perHour(snapshot: WindowSnapshot): HourCalls[] {
  const newestHour = Math.floor(snapshot.now / HOUR_MS);
  const firstHour = newestHour - HOURS + 1;
  const calls = new Array<number>(HOURS).fill(0);
  for (const live of liveBuckets(snapshot)) {
    const hour = Math.floor((live.bucket * BUCKET_MS) / HOUR_MS);
    const i = Math.min(HOURS - 1, Math.max(0, hour - firstHour));
    calls[i] = (calls[i] ?? 0) + live.calls;
  }
  return calls.map((n, i) => ({ start: iso((firstHour + i) * HOUR_MS), calls: n }));
}

/**
 * Calls leaving the window in each of the next `hours` hours, slot i = [now + i h, now + (i+1) h).
 * The current minute's calls leave up to one minute after now + 24 h (a bucket leaves whole, a minute
 * after its last call would): they are counted in the window's last hour (slot 23), so a full curve
 * sums to `used`. Slots past the window's last hour are always empty.
 */
export function releaseCurve(snapshot: WindowSnapshot, hours = HOURS): ReleaseSlot[] {
  const calls = new Array<number>(Math.max(0, hours)).fill(0);
  for (const live of liveBuckets(snapshot)) {
    const i = Math.min(HOURS - 1, Math.floor((live.releaseAt - snapshot.now) / HOUR_MS));
    if (i < calls.length) calls[i] = (calls[i] ?? 0) + live.calls;
  }
  return calls.map((n, i) => ({
    start: iso(snapshot.now + i * HOUR_MS),
    end: iso(snapshot.now + (i + 1) * HOUR_MS),
    calls: n,
  }));
}
