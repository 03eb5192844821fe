import { describe, expect, it } from 'vitest';
import { currentRatePerHour, forecastExhaustion } from './forecast.ts';
import { HOUR, MINUTE, NOW, windowAt } from './test-snapshots.ts';

/** 10 calls in each of the 60 buckets that start within the last hour: 600 calls per hour. */
function lastHourAt10PerMinute(): Record<number, number> {
  const calls: Record<number, number> = {};
  for (let ago = 0; ago < 60; ago++) calls[ago] = 10;
  return calls;
}

describe('currentRatePerHour', () => {
  it('counts the buckets that start within the last 60 minutes, and no older one', () => {
    // NOW is mid-minute, so the bucket 60 minutes back starts before now − 60 min.
    expect(currentRatePerHour(windowAt(NOW, { 0: 1, 59: 2, 60: 4 }))).toBe(3);
  });

  it('includes the bucket starting exactly 60 minutes back when now is on a minute', () => {
    const onMinute = NOW - (NOW % MINUTE);
    expect(currentRatePerHour(windowAt(onMinute, { 0: 1, 60: 4, 61: 8 }))).toBe(5);
  });
});

describe('forecastExhaustion', () => {
  it('at a constant rate with nothing released, runs out after remaining / rate hours (within a minute)', () => {
    const s = windowAt(NOW, lastHourAt10PerMinute());
    const remaining = 1405;
    const f = forecastExhaustion(s, s.total + remaining);
    expect(f.ratePerHour).toBe(600);
    const expected = NOW + (remaining / 600) * HOUR;
    expect(f.exhaustedAtMs).not.toBeNull();
    expect(Math.abs((f.exhaustedAtMs ?? 0) - expected)).toBeLessThanOrEqual(MINUTE);
    expect(f.exhaustedAt).toBe(new Date(f.exhaustedAtMs ?? 0).toISOString());
  });

  it('runs out later when calls leave the window meanwhile', () => {
    const remaining = 600;
    const without = windowAt(NOW, lastHourAt10PerMinute());
    const withReleases = windowAt(NOW, { ...lastHourAt10PerMinute(), 1400: 300 }); // leaves in ~40 minutes
    const a = forecastExhaustion(without, without.total + remaining);
    const b = forecastExhaustion(withReleases, withReleases.total + remaining);
    expect(b.ratePerHour).toBe(a.ratePerHour);
    expect(a.exhaustedAtMs).not.toBeNull();
    expect(b.exhaustedAtMs).not.toBeNull();
    expect(b.exhaustedAtMs ?? 0).toBeGreaterThan(a.exhaustedAtMs ?? 0);
    // 300 calls more, at 600 per hour: half an hour later, give or take a minute.
    expect(Math.abs((b.exhaustedAtMs ?? 0) - (a.exhaustedAtMs ?? 0) - HOUR / 2)).toBeLessThanOrEqual(MINUTE);
  });

  it('counts a release from the first minute step at or after it', () => {
    // 410 left at 10 a minute would run out at +41 min; 300 calls leave at +40 min 34.75 s, just in time.
    const s = windowAt(NOW, { ...lastHourAt10PerMinute(), 1400: 300 });
    expect(forecastExhaustion(s, s.total + 410).exhaustedAtMs).toBe(NOW + 71 * MINUTE);
  });

  it('still finds exhaustion on the last step, 24 h from now', () => {
    const s = windowAt(NOW, { 0: 10 });
    expect(forecastExhaustion(s, 10 + 10 * 24).exhaustedAtMs).toBe(NOW + 24 * HOUR);
  });

  it('is null at rate 0, however little is left', () => {
    const s = windowAt(NOW, { 61: 50, 500: 50 });
    expect(forecastExhaustion(s, s.total + 1)).toEqual({ ratePerHour: 0, cap: s.total + 1, exhaustedAt: null, exhaustedAtMs: null });
  });

  it('is null when the pace would not exhaust the budget within 24 h', () => {
    const s = windowAt(NOW, { 0: 10 });
    const f = forecastExhaustion(s, 10 + 10 * 24 + 1);
    expect(f.ratePerHour).toBe(10);
    expect(f.exhaustedAtMs).toBeNull();
  });

  it('is now when nothing is left', () => {
    const s = windowAt(NOW, { 0: 10 });
    expect(forecastExhaustion(s, 10).exhaustedAtMs).toBe(NOW);
    expect(forecastExhaustion(s, 11).exhaustedAtMs).toBeGreaterThan(NOW);
  });
});
