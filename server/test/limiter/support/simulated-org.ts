/**
 * An exact model of a Salesforce org's rolling 24 h window, for the admission property test: every
 * call kept with its own timestamp (no buckets), other integrations' calls beside ours, and Salesforce's
 * refusal when the window is full (REQUEST_LIMIT_EXCEEDED, not counted).
 */
import { WINDOW_MS } from '../../../src/limiter/window.ts';

export interface CountedCall {
  at: number;
  cost: number;
  ours: boolean;
}

export class SimulatedOrg {
  private calls: CountedCall[] = [];

  constructor(readonly limit: number) {}

  /** Calls counted in (now − 24 h, now]. */
  usage(now: number, filter: (call: CountedCall) => boolean = () => true): number {
    let used = 0;
    for (const call of this.calls) if (call.at > now - WINDOW_MS && call.at <= now && filter(call)) used += call.cost;
    return used;
  }

  /** Other integrations make `count` calls now, as far as the org lets them. */
  others(now: number, count: number): void {
    const room = Math.max(0, this.limit - this.usage(now));
    if (room > 0) this.calls.push({ at: now, cost: Math.min(count, room), ours: false });
  }

  /** Salesforce processes one of our requests now: counted, or refused because the window is full. */
  process(now: number, cost: number): { counted: boolean; used: number } {
    const used = this.usage(now);
    if (used >= this.limit) return { counted: false, used };
    this.calls.push({ at: now, cost, ours: true });
    return { counted: true, used: used + cost };
  }

  /** Other integrations' calls made after `since` and still in the window at `now`. */
  othersSince(since: number, now: number): number {
    return this.usage(now, (call) => !call.ours && call.at > since);
  }

  /** Forget calls that left the window long ago (keeps the model fast over simulated days). */
  prune(now: number): void {
    this.calls = this.calls.filter((call) => call.at > now - 2 * WINDOW_MS);
  }
}

/** Our admitted calls with their exact admission times, for the budget side of the model. */
export class AdmittedLog {
  private admitted: { at: number; cost: number; id: number }[] = [];

  add(id: number, at: number, cost: number): void {
    this.admitted.push({ id, at, cost });
  }

  /** Given back (Salesforce never counted it). */
  remove(id: number): void {
    this.admitted = this.admitted.filter((entry) => entry.id !== id);
  }

  /** Our calls admitted in (now − 24 h, now]. */
  inWindow(now: number): number {
    let sum = 0;
    for (const entry of this.admitted) if (entry.at > now - WINDOW_MS && entry.at <= now) sum += entry.cost;
    return sum;
  }

  /** The exact moment `need` of our calls have left the window, after `now`. */
  exactRelease(now: number, need: number): number | undefined {
    const live = this.admitted.filter((entry) => entry.at > now - WINDOW_MS && entry.at <= now).sort((a, b) => a.at - b.at);
    let freed = 0;
    for (const entry of live) {
      freed += entry.cost;
      if (freed >= need) return entry.at + WINDOW_MS;
    }
    return undefined;
  }

  prune(now: number): void {
    this.admitted = this.admitted.filter((entry) => entry.at > now - 2 * WINDOW_MS);
  }
}
