/**
 * When the sync would run out of budget if it kept its current pace.
 *
 * Model: the rate is our calls in the last 60 minutes of buckets (buckets starting at or after
 * now − 60 min), taken as calls per hour and assumed constant. Stepping forward one minute at a time
 * for at most 24 h, the calls left for `sync` at t are
 *   remaining(t) = (cap − used) + released(now..t] − rate × (t − now) / 1 h
 * where `released` counts the calls whose bucket leaves the window by t. The forecast is the first
 * step where remaining(t) ≤ 0 (now itself when nothing is left), or null when that is not within 24 h.
 * It ignores other integrations' use of the org limit: we cannot see their pace, only their total.
 */
import { BUCKET_MS, WINDOW_MS } from '../limiter/window.ts';
import type { WindowSnapshot } from '../limiter/window.ts';
import { HOUR_MS, iso, liveBuckets } from './hourly.ts';

/** Projected exhaustion of the `sync` budget at the current pace. */
export interface Forecast {
  /** Our calls in the last 60 minutes. */
  ratePerHour: number;
  /** The `sync` budget the forecast runs against: floor(dailyLimit × thresholds.sync). */
  cap: number;
  /** ISO-8601; null when the rate is 0 or exhaustion is not within 24 h. */
  exhaustedAt: string | null;
  exhaustedAtMs: number | null;
}

const STEPS = WINDOW_MS / BUCKET_MS;

/** Our calls in the buckets that start within the last hour. */
export function currentRatePerHour(snapshot: WindowSnapshot): number {
  const since = snapshot.now - HOUR_MS;
  let calls = 0;
  for (const live of liveBuckets(snapshot)) if (live.bucket * BUCKET_MS >= since) calls += live.calls;
  return calls;
}

/** Forecast when `cap` runs out at the current rate, counting the calls that leave the window meanwhile. */
export function forecastExhaustion(snapshot: WindowSnapshot, cap: number): Forecast {
  const ratePerHour = currentRatePerHour(snapshot);
  const exhaustedAtMs = ratePerHour === 0 ? null : simulate(snapshot, cap, ratePerHour);
  return { ratePerHour, cap, exhaustedAt: exhaustedAtMs === null ? null : iso(exhaustedAtMs), exhaustedAtMs };
}

function simulate(snapshot: WindowSnapshot, cap: number, ratePerHour: number): number | null {
  const releases = liveBuckets(snapshot); // oldest bucket first = earliest release first
  const start = snapshot.now;
  let released = 0;
  let next = 0;
  for (let step = 0; step <= STEPS; step++) {
    const t = start + step * BUCKET_MS;
    for (let r = releases[next]; r !== undefined && r.releaseAt <= t; r = releases[++next]) released += r.calls;
    // Multiply before dividing: exact for whole rates, so a boundary landing on a minute is not missed.
    const spent = (ratePerHour * step * BUCKET_MS) / HOUR_MS;
    if (cap - snapshot.total + released - spent <= 0) return t;
  }
  return null;
}
