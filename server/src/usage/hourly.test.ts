import { describe, expect, it } from 'vitest';
import { SLOTS, bucketOf, releaseTimeOf } from '../limiter/window.ts';
import { nextReleaseTime, perHour, releaseCurve } from './hourly.ts';
import { HOUR, MINUTE, NOW, mulberry32, randomWindow, windowAt } from './test-snapshots.ts';
import type { LimiterSnapshot } from '../limiter/types.ts';

const sum = (rows: { calls: number }[]): number => rows.reduce((a, r) => a + r.calls, 0);
const OLDEST = SLOTS - 1; // minutes ago of the oldest live bucket

// A separate, call-by-call recount: each call's release time, placed into the first hour slot from now
// that holds it; the current minute's calls leave just after now + 24 h and belong to the last slot.
function bruteForceCurve(s: LimiterSnapshot): number[] {
  const slots = new Array<number>(24).fill(0);
  s.counts.forEach((n, i) => {
    for (let call = 0; call < n; call++) {
      const releaseAt = releaseTimeOf(s.firstBucket + i);
      if (releaseAt <= s.now) continue;
      let slot = 23;
      for (let h = 0; h < 24; h++) {
        if (releaseAt >= s.now + h * HOUR && releaseAt < s.now + (h + 1) * HOUR) {
          slot = h;
          break;
        }
      }
      slots[slot] = (slots[slot] ?? 0) + 1;
    }
  });
  return slots;
}

describe('perHour', () => {
  it('gives 24 clock hours oldest first, the newest being the current hour', () => {
    const hours = perHour(windowAt(NOW, {}));
    expect(hours).toHaveLength(24);
    expect(hours[23]?.start).toBe('2024-03-05T10:00:00.000Z');
    expect(hours[0]?.start).toBe('2024-03-04T11:00:00.000Z');
    expect(sum(hours)).toBe(0);
  });

  it('puts each bucket in the hour its start falls in', () => {
    // NOW is 10:37:25; 37 minutes ago is 10:00 (current hour), 38 minutes ago is 09:59 (the hour before).
    const hours = perHour(windowAt(NOW, { 0: 1, 37: 2, 38: 4, [37 + 5 * 60]: 8 }));
    expect(hours[23]?.calls).toBe(3);
    expect(hours[22]?.calls).toBe(4);
    expect(hours[18]?.calls).toBe(8);
    expect(sum(hours)).toBe(15);
  });

  it('counts the still-live minutes of the hour before the first entry in the first entry', () => {
    // The oldest live bucket starts at 10:37 yesterday, an hour before the first entry (11:00).
    const hours = perHour(windowAt(NOW, { [OLDEST]: 5, [OLDEST - 22]: 7, [OLDEST - 23]: 11 }));
    expect(hours[0]?.calls).toBe(5 + 7 + 11);
    expect(hours[1]?.calls).toBe(0);
  });

  it('ignores buckets that have already left the window', () => {
    const live = windowAt(NOW, { 0: 2 });
    const stale: LimiterSnapshot = { ...live, firstBucket: live.firstBucket - 1, counts: [9, ...live.counts], total: 11 };
    expect(sum(perHour(stale))).toBe(2);
    expect(sum(releaseCurve(stale))).toBe(2);
  });

  it('sums to the calls in the window, over 20 random windows', () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 20; trial++) {
      const s = randomWindow(random);
      expect(sum(perHour(s)), `trial ${trial}`).toBe(s.total);
    }
  });
});

describe('releaseCurve', () => {
  it('matches a call-by-call recount over 20 random windows, and sums to used', () => {
    const random = mulberry32(20240305);
    for (let trial = 0; trial < 20; trial++) {
      const s = randomWindow(random);
      const curve = releaseCurve(s);
      expect(
        curve.map((slot) => slot.calls),
        `trial ${trial} at ${s.now}`,
      ).toEqual(bruteForceCurve(s));
      expect(sum(curve), `trial ${trial}`).toBe(s.total);
    }
  });

  it('slots are consecutive hours from now', () => {
    const curve = releaseCurve(windowAt(NOW, {}));
    expect(curve).toHaveLength(24);
    expect(curve[0]).toEqual({ start: new Date(NOW).toISOString(), end: new Date(NOW + HOUR).toISOString(), calls: 0 });
    expect(curve[23]?.end).toBe(new Date(NOW + 24 * HOUR).toISOString());
  });

  it('puts the oldest bucket in the first hour and the current minute in the last', () => {
    const curve = releaseCurve(windowAt(NOW, { [OLDEST]: 3, 0: 4 }));
    expect(curve[0]?.calls).toBe(3);
    expect(curve[23]?.calls).toBe(4);
  });

  it('with fewer hours, covers only those hours', () => {
    const s = windowAt(NOW, { [OLDEST]: 3, [OLDEST - 90]: 5, 0: 4 });
    expect(releaseCurve(s, 1).map((slot) => slot.calls)).toEqual([3]);
    expect(releaseCurve(s, 2).map((slot) => slot.calls)).toEqual([3, 5]);
  });
});

describe('nextReleaseTime', () => {
  it('is the release time of the oldest non-empty bucket', () => {
    const s = windowAt(NOW, { 100: 1, 30: 2 });
    expect(nextReleaseTime(s)).toBe(releaseTimeOf(bucketOf(NOW) - 100));
    expect(nextReleaseTime(s)).toBe((bucketOf(NOW) - 99) * MINUTE + 24 * HOUR);
  });

  it('is null when the window is empty', () => {
    expect(nextReleaseTime(windowAt(NOW, {}))).toBeNull();
  });
});
