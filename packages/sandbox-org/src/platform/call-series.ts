/**
 * Deterministic series of call times that are never stored one by one: the calls already in an
 * org's window at creation, and the calls other integrations make at a steady hourly rate.
 * time(k) = origin + floor((k + offset) * period), non-decreasing in k.
 */
/** The rolling window's length: a call made at t leaves it at t + DAY_MS. */
export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A series of call times indexed from 0; `length` may be Infinity. */
export class CallSeries {
  constructor(
    private readonly origin: number,
    private readonly period: number,
    private readonly offset: number,
    readonly length: number,
  ) {}

  /** Time of call k (epoch ms). */
  time(k: number): number {
    return this.origin + Math.floor((k + this.offset) * this.period);
  }

  /** How many calls of the series happen at or before `t`, i.e. the index of the first one after t. */
  countUpTo(t: number): number {
    // Closed form, then a nudge either way: floating point can be off by one at exact boundaries.
    let k = Math.ceil((t - this.origin + 1) / this.period - this.offset);
    k = Math.min(Math.max(k, 0), this.length);
    while (k > 0 && this.time(k - 1) > t) k--;
    while (k < this.length && this.time(k) <= t) k++;
    return k;
  }
}

/** `count` calls spread evenly over the 24 h before `end` (each at the middle of its slot, all before `end`). */
export function spreadOverPrecedingDay(end: number, count: number): CallSeries {
  return new CallSeries(end - DAY_MS, DAY_MS / count, 0.5, count);
}

/** An endless series at `perHour` calls per hour, the first one period after `start`. */
export function steadyRate(start: number, perHour: number): CallSeries {
  return new CallSeries(start, HOUR_MS / perHour, 1, Number.POSITIVE_INFINITY);
}
