/**
 * The ground truth: every HTTP request the sandbox received under /services/, as the server saw it,
 * so tests can compare what a client (or the product's limiter) believes it sent with what arrived.
 */

/** One request as received. `status` 0 means the connection closed without a response (a hang fault). */
export interface GroundTruthCall {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The raw query string (without `?`, still percent-encoded) when the URL had one. */
  query?: string;
  orgId: string | null;
  status: number;
  /** Whether the call counted against the org's DailyApiRequests window. */
  counted: boolean;
  /**
   * How many DailyApiRequests the call counted: 0 or 1, except a Composite Batch, which counts one
   * per subrequest it ran (see data/ops-composite-batch.ts).
   */
  units: number;
  /** The `client=` part of `Sforce-Call-Options`, if sent. */
  client: string | null;
  /** Arrival time on the sandbox clock (epoch ms). */
  time: number;
}

/** Requests per method and path. */
export interface MethodPathCount {
  method: string;
  path: string;
  count: number;
}

/** What the control API answers for `GET …/ground-truth`. */
export interface GroundTruthView {
  total: number;
  /** DailyApiRequests the calls counted (the sum of their `units`). */
  counted: number;
  byMethodPath: MethodPathCount[];
  calls: GroundTruthCall[];
  /** Oldest calls no longer kept in `calls` (totals stay exact). */
  droppedCalls: number;
}

/** Paging for the `calls` list. */
export interface GroundTruthQuery {
  offset?: number;
  limit?: number;
}

/** Keeps at most this many call details per log; totals and per-path counts stay exact beyond it. */
export const MAX_KEPT_CALLS = 200_000;

/** An append-only log of calls with running totals (no scan per request). */
export class CallLog {
  private calls: GroundTruthCall[] = [];
  private dropped = 0;
  private total = 0;
  private counted = 0;
  private byKey = new Map<string, MethodPathCount>();

  constructor(private readonly maxKept: number = MAX_KEPT_CALLS) {}

  /** Append one finished request. */
  record(call: GroundTruthCall): void {
    this.total++;
    this.counted += call.units;
    const key = `${call.method} ${call.path}`;
    const entry = this.byKey.get(key);
    if (entry) entry.count++;
    else this.byKey.set(key, { method: call.method, path: call.path, count: 1 });
    this.calls.push(call);
    if (this.calls.length > this.maxKept) {
      // Drop a tenth at once so trimming stays amortised O(1) per call.
      const excess = this.calls.length - this.maxKept + Math.ceil(this.maxKept / 10);
      this.calls.splice(0, excess);
      this.dropped += excess;
    }
  }

  /** Totals, per method and path (most requested first), and the kept calls in arrival order. */
  view(query: GroundTruthQuery = {}): GroundTruthView {
    const offset = query.offset ?? 0;
    const end = query.limit === undefined ? undefined : offset + query.limit;
    const byMethodPath = [...this.byKey.values()].map((entry) => ({ ...entry })).sort((a, b) => b.count - a.count || a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
    return {
      total: this.total,
      counted: this.counted,
      byMethodPath,
      calls: this.calls.slice(offset, end),
      droppedCalls: this.dropped,
    };
  }

  /** Forget everything (org reset). */
  clear(): void {
    this.calls = [];
    this.dropped = 0;
    this.total = 0;
    this.counted = 0;
    this.byKey = new Map();
  }
}
