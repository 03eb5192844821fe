import { describe, expect, it } from 'vitest';
import { DAY_MS, spreadOverPrecedingDay, steadyRate } from './call-series.ts';
import { RollingWindow } from './rolling-window.ts';

const T0 = Date.UTC(2026, 0, 5, 9);
const HOUR = 3_600_000;

/** A deliberately naive model: every admitted call's time in an array, scanned on every event. */
class NaiveWindow {
  times: number[] = [];
  constructor(readonly max: number) {}
  at(t: number): void {
    this.times = this.times.filter((x) => t - x < DAY_MS);
  }
  offer(t: number): boolean {
    this.at(t);
    if (this.times.length >= this.max) return false;
    this.times.push(t);
    return true;
  }
}

describe('RollingWindow', () => {
  it('releases a call exactly 24 h after it was made, and only the calls of that instant', () => {
    const w = new RollingWindow(5, T0, 0, 0);
    for (let i = 0; i < 3; i++) expect(w.tryCount(T0).admitted).toBe(true);
    expect(w.tryCount(T0 + 1000).used).toBe(4);
    expect(w.tryCount(T0 + 2000)).toEqual({ admitted: true, used: 5, max: 5 });
    expect(w.tryCount(T0 + 3000)).toEqual({ admitted: false, used: 5, max: 5 });
    expect(w.tryCount(T0 + DAY_MS - 1).admitted).toBe(false);
    expect(w.usage(T0 + DAY_MS - 1).nextReleaseAt).toBe(T0 + DAY_MS);
    // At T0 + 24 h the three calls of T0 leave together: exactly three fit, not four.
    for (let i = 0; i < 3; i++) expect(w.tryCount(T0 + DAY_MS).admitted).toBe(true);
    expect(w.tryCount(T0 + DAY_MS).admitted).toBe(false);
    expect(w.usage(T0 + DAY_MS + 1000)).toMatchObject({ used: 4, own: 4, remaining: 1 });
  });

  it('a refused call is not counted', () => {
    const w = new RollingWindow(1, T0, 0, 0);
    w.tryCount(T0);
    for (let i = 0; i < 10; i++) w.tryCount(T0 + i);
    expect(w.usage(T0 + DAY_MS).used).toBe(0);
  });

  it('spreads usageAtStart evenly over the preceding 24 h', () => {
    const w = new RollingWindow(15_000, T0, 2400, 0);
    expect(w.usage(T0)).toMatchObject({ used: 2400, background: 2400, own: 0 });
    // One call every 36 s, each in the middle of its slot: 100 leave per hour.
    expect(w.usage(T0 + HOUR).used).toBe(2300);
    expect(w.usage(T0 + 12 * HOUR).used).toBe(1200);
    expect(w.usage(T0 + DAY_MS - 1).used).toBe(0);
  });

  it('counts other integrations at their hourly rate, and refuses them too once the window is full', () => {
    const w = new RollingWindow(100, T0, 0, 3600);
    expect(w.usage(T0 + 10_000).used).toBe(10);
    expect(w.usage(T0 + HOUR).used).toBe(100);
    expect(w.tryCount(T0 + HOUR).admitted).toBe(false);
    // Only their first 100 calls (T0 + 1 s … T0 + 100 s) got in; the rest were refused, not counted.
    w.setOtherRate(T0 + 2 * HOUR, 0);
    expect(w.usage(T0 + DAY_MS + 100_000 - 1).used).toBe(1);
    expect(w.usage(T0 + DAY_MS + 100_000)).toMatchObject({ used: 0, nextReleaseAt: null });
    expect(w.tryCount(T0 + DAY_MS + 100_000).admitted).toBe(true);
  });

  it('matches a naive per-call model under random load near the limit', () => {
    let seed = 7;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const [max, atStart, perHour] of [
      [50, 20, 3],
      [30, 0, 1.5],
      [200, 150, 9],
      [10, 10, 0],
    ] as const) {
      const w = new RollingWindow(max, T0, atStart, perHour);
      const naive = new NaiveWindow(max);
      const start = atStart > 0 ? spreadOverPrecedingDay(T0, atStart) : undefined;
      for (let k = 0; k < atStart; k++) naive.times.push(start!.time(k));
      const other = perHour > 0 ? steadyRate(T0, perHour) : undefined;
      let nextOther = 0;
      let t = T0;
      for (let step = 0; step < 3000; step++) {
        t += Math.floor(rand() * 0.03 * DAY_MS);
        // Replay other integrations' arrivals up to t (they come first at equal times), then our call.
        while (other && other.time(nextOther) <= t) naive.offer(other.time(nextOther++));
        const expected = naive.offer(t);
        const got = w.tryCount(t);
        expect(got.admitted).toBe(expected);
        expect(got.used).toBe(naive.times.length);
      }
    }
  });

  it('keeps memory and work bounded for orgs with millions of calls a day', () => {
    // 4.9 M calls at start and 300 k/h from others: the 5 M window fills within ~1 h and stays full.
    const w = new RollingWindow(5_000_000, T0, 4_900_000, 300_000);
    let last = w.usage(T0);
    for (let h = 1; h <= 72; h++) last = w.usage(T0 + h * HOUR);
    expect(last.used).toBe(5_000_000);
    expect(w.tryCount(T0 + 72 * HOUR).admitted).toBe(false);
    // At most one stored run per second of the last day, whatever the call volume.
    expect(w.storedEntries).toBeLessThanOrEqual(86_400 + 10);

    const unsaturated = new RollingWindow(5_000_000, T0, 2_000_000, 100_000);
    for (let h = 1; h <= 72; h++) unsaturated.usage(T0 + h * HOUR);
    expect(unsaturated.usage(T0 + 72 * HOUR).used).toBe(2_400_000);
    expect(unsaturated.storedEntries).toBeLessThan(10);
  });

  it('applies a new limit and a new rate from the moment they change', () => {
    const w = new RollingWindow(10, T0, 0, 0);
    for (let i = 0; i < 8; i++) w.tryCount(T0);
    w.setLimit(T0, 8);
    expect(w.tryCount(T0 + 1).admitted).toBe(false);
    w.setLimit(T0 + 1, 100);
    w.setOtherRate(T0 + 1, 60);
    expect(w.usage(T0 + 1 + HOUR).used).toBe(68);
  });
});
