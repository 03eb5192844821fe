/** Clocks for the sandbox org: the wall clock, and a manual one so tests can run a 24 h window in milliseconds. */
import type { Clock } from './types.ts';

/** The wall clock (`Date.now()`). */
export const systemClock: Clock = { now: () => Date.now() };

/** A fixed, readable default start so runs are reproducible: Monday 2026-01-05 09:00:00.000 UTC. */
export const MANUAL_CLOCK_START = Date.UTC(2026, 0, 5, 9, 0, 0, 0);

/**
 * A clock that only moves when told to. It never goes backwards: the rolling windows that read it
 * release calls as time passes and cannot take a release back.
 */
export class ManualClock implements Clock {
  private current: number;

  constructor(startMs: number = MANUAL_CLOCK_START) {
    assertTime(startMs);
    this.current = startMs;
  }

  /** Current time in epoch milliseconds. */
  now(): number {
    return this.current;
  }

  /** Move forward by `ms` (a non-negative integer) and return the new time. */
  advance(ms: number): number {
    if (!Number.isInteger(ms) || ms < 0) throw new RangeError(`advance(ms) needs a non-negative integer, got ${ms}`);
    this.current += ms;
    return this.current;
  }

  /** Jump to `ms` (epoch milliseconds, not earlier than now) and return it. */
  set(ms: number): number {
    assertTime(ms);
    if (ms < this.current) throw new RangeError(`set(ms) cannot move the clock backwards (${ms} < ${this.current})`);
    this.current = ms;
    return this.current;
  }
}

function assertTime(ms: number): void {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`a clock time must be a non-negative integer of ms, got ${ms}`);
}
