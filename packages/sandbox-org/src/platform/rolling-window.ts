/**
 * One org's exact rolling 24 h count of API calls (DailyApiRequests). A call made at t counts while
 * now - t < 24 h and is released at t + 24 h exactly. Our own calls sit in a per-millisecond queue;
 * the calls already there at creation and other integrations' steady traffic are runs over
 * deterministic series, so even millions of them take a few numbers of memory.
 */
import { CallSeries, DAY_MS, spreadOverPrecedingDay, steadyRate } from './call-series.ts';
import { TimeCountQueue } from './time-queue.ts';

/** A contiguous block [from, to) of calls from one series that were admitted into the window. */
interface Run {
  series: CallSeries;
  from: number;
  to: number;
}

/** The outcome of asking the window to count one call; a refusal is a value, not an exception. */
export interface WindowDecision {
  admitted: boolean;
  /** Calls in the window after this decision (this call included when admitted). */
  used: number;
  max: number;
}

/** A snapshot of the window at one instant. */
export interface WindowUsage {
  used: number;
  max: number;
  remaining: number;
  /** Calls the sandbox served through its HTTP API that are still in the window. */
  own: number;
  /** Calls from usageAtStart and other integrations still in the window. */
  background: number;
  /** When the oldest call in the window leaves it (epoch ms), or null when the window is empty. */
  nextReleaseAt: number | null;
}

/** Exact rolling-window counter for one org; every method takes `now` from the org's clock. */
export class RollingWindow {
  private readonly own = new TimeCountQueue();
  private ownCount = 0;
  private readonly runs: Run[] = [];
  private runHead = 0;
  private runCount = 0;
  private other: { series: CallSeries; next: number } | undefined;
  /** Latest time seen; a wall clock stepping back must not reorder the queue. */
  private latest = 0;

  constructor(
    private max: number,
    now: number,
    usageAtStart: number,
    otherPerHour: number,
  ) {
    if (usageAtStart > 0) this.appendRun(spreadOverPrecedingDay(now, usageAtStart), 0, usageAtStart);
    this.setOtherRate(now, otherPerHour);
  }

  /** Count one call at `now` unless the window is full (a refused call is not counted). */
  tryCount(now: number): WindowDecision {
    this.sync(now);
    const used = this.ownCount + this.runCount;
    if (used >= this.max) return { admitted: false, used, max: this.max };
    this.own.push(this.latest, 1);
    this.ownCount++;
    return { admitted: true, used: used + 1, max: this.max };
  }

  /** The window as it stands at `now`. */
  usage(now: number): WindowUsage {
    this.sync(now);
    const used = this.ownCount + this.runCount;
    const release = this.nextRelease();
    return {
      used,
      max: this.max,
      remaining: Math.max(0, this.max - used),
      own: this.ownCount,
      background: this.runCount,
      nextReleaseAt: Number.isFinite(release) ? release : null,
    };
  }

  /** Change DailyApiRequests Max from `now` on (calls before now were judged by the old one). */
  setLimit(now: number, max: number): void {
    this.sync(now);
    this.max = max;
  }

  /** Change other integrations' rate from `now` on; 0 stops them. */
  setOtherRate(now: number, perHour: number): void {
    this.sync(now);
    this.other = perHour > 0 ? { series: steadyRate(now, perHour), next: 0 } : undefined;
  }

  /** Entries held in memory (for tests that check memory stays bounded). */
  get storedEntries(): number {
    return this.own.size + (this.runs.length - this.runHead);
  }

  /** Bring the window to `now`: admit or refuse other integrations' calls in order, then release. */
  private sync(time: number): void {
    const now = Math.max(time, this.latest);
    this.latest = now;
    const other = this.other;
    while (other && other.series.time(other.next) <= now) {
      const t = other.series.time(other.next);
      this.releaseThrough(t - DAY_MS);
      const used = this.ownCount + this.runCount;
      const due = other.series.countUpTo(now) - other.next;
      if (used + due <= this.max) {
        // Fast path: even with no release in between, every due call finds room.
        this.appendRun(other.series, other.next, other.next + due);
        other.next += due;
        break;
      }
      const nextRelease = this.nextRelease();
      if (used >= this.max) {
        // Full: every call arriving before the next release is refused (and never counted).
        other.next = Math.max(other.next + 1, other.series.countUpTo(Math.min(now, nextRelease - 1)));
        continue;
      }
      const exactEnd = Math.min(now, nextRelease - 1);
      const secondEnd = Math.min(now, Math.floor(t / 1000) * 1000 + 999);
      if (exactEnd >= secondEnd) {
        // Nothing leaves before exactEnd: admit in arrival order while there is room (exact).
        const fits = Math.min(this.max - used, other.series.countUpTo(exactEnd) - other.next);
        this.appendRun(other.series, other.next, other.next + fits);
        other.next += fits;
      } else {
        // Releases are dense: one step per second, its releases first. Other integrations' calls may
        // then take a slot up to 1 s early, but work and memory stay bounded by seconds, not calls.
        this.releaseThrough(secondEnd - DAY_MS);
        const arrivals = other.series.countUpTo(secondEnd) - other.next;
        const fits = Math.max(0, Math.min(arrivals, this.max - this.ownCount - this.runCount));
        this.appendRun(other.series, other.next, other.next + fits);
        other.next += arrivals;
      }
    }
    this.releaseThrough(now - DAY_MS);
  }

  /** Drop every call made at or before `cutoff`. */
  private releaseThrough(cutoff: number): void {
    for (let t = this.own.peekTime(); t !== undefined && t <= cutoff; t = this.own.peekTime()) {
      this.ownCount -= this.own.shift();
    }
    while (this.runHead < this.runs.length) {
      const run = this.runs[this.runHead] as Run;
      if (run.series.time(run.to - 1) <= cutoff) {
        this.runCount -= run.to - run.from;
        this.runHead++;
        continue;
      }
      const firstKept = run.series.countUpTo(cutoff);
      if (firstKept > run.from) {
        this.runCount -= firstKept - run.from;
        run.from = firstKept;
      }
      break;
    }
    if (this.runHead > 64 && this.runHead * 2 > this.runs.length) {
      this.runs.splice(0, this.runHead);
      this.runHead = 0;
    }
  }

  /** When the oldest call in the window is released, or Infinity. */
  private nextRelease(): number {
    const ownOldest = this.own.peekTime() ?? Number.POSITIVE_INFINITY;
    const run = this.runs[this.runHead];
    const runOldest = run ? run.series.time(run.from) : Number.POSITIVE_INFINITY;
    return Math.min(ownOldest, runOldest) + DAY_MS;
  }

  private appendRun(series: CallSeries, from: number, to: number): void {
    if (to <= from) return;
    const last = this.runs[this.runs.length - 1];
    if (last && this.runs.length > this.runHead && last.series === series && last.to === from) last.to = to;
    else this.runs.push({ series, from, to });
    this.runCount += to - from;
  }
}
