/**
 * A Lit reactive controller that keeps one API figure fresh for its host: fetches when the host's
 * api-base, org or token change, refreshes on the host's interval, aborts what a newer fetch
 * replaces, and fires the callbudget events. A refused key (401/403) stops the automatic refresh,
 * since asking again cannot help; a blip (no answer, 429, 5xx) waits exponentially longer.
 */
import type { ReactiveController } from 'lit';
import { ApiError, fetchFigure, type Figure } from './api.ts';
import type { CallbudgetElement } from './element.ts';
import { emit } from './events.ts';
import type { CallbudgetErrorDetail, ChecklistReport, UsageReport } from './types.ts';

/** idle: no org set; loading: first fetch; ready: data shown; error: nothing to show but the error. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Shortest automatic refresh, so a typo in refresh-interval cannot hammer the API. */
const MIN_INTERVAL_S = 5;
/** Longest wait between automatic refreshes while the API keeps failing (unless the interval is longer). */
export const MAX_BACKOFF_S = 15 * 60;

export class FigureController<T extends UsageReport | ChecklistReport> implements ReactiveController {
  status: LoadStatus = 'idle';
  data: T | null = null;
  /** The last failure; with `data` still set it is a failed refresh, shown above the stale figures. */
  error: CallbudgetErrorDetail | null = null;
  /** A refresh is in flight while older data is shown. */
  refreshing = false;
  /** The API refused the key or its rights: no automatic refresh until the key, org or api-base changes. */
  stopped = false;

  private key: string | undefined;
  private intervalS = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inflight: AbortController | undefined;
  /** Transient failures in a row, for the backoff. */
  private failures = 0;

  constructor(
    private readonly host: CallbudgetElement,
    private readonly figure: Figure,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Reattached after a move in the DOM: refresh, and let hostUpdate restart the timer.
    if (this.key !== undefined) void this.load();
    this.intervalS = -1;
    this.host.requestUpdate();
  }

  hostUpdate(): void {
    const { apiBase, org, token } = this.host;
    const key = JSON.stringify([apiBase, org, token]);
    if (key !== this.key) {
      this.key = key;
      this.data = null;
      this.error = null;
      this.stopped = false;
      this.failures = 0;
      void this.load();
    }
    const seconds = intervalSeconds(this.host.refreshInterval);
    if (seconds !== this.intervalS) {
      this.intervalS = seconds;
      this.schedule(seconds);
    }
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.inflight?.abort();
    this.inflight = undefined;
    this.refreshing = false;
  }

  /** Fetch now, replacing any fetch in flight. Never rejects (a failure lands in `error`), so callers fire and forget. */
  async load(): Promise<void> {
    const { apiBase, org, token } = this.host;
    this.inflight?.abort();
    // A fetch now (a tick, a change, the Refresh button) decides when the next one is.
    clearTimeout(this.timer);
    if (!org) {
      this.status = 'idle';
      this.host.requestUpdate();
      return;
    }
    const request = new AbortController();
    this.inflight = request;
    if (this.data === null) this.status = 'loading';
    else this.refreshing = true;
    this.host.requestUpdate();
    try {
      const data = await fetchFigure<T>({ apiBase, org, token }, this.figure, request.signal);
      if (request.signal.aborted) return;
      this.data = data;
      this.error = null;
      this.status = 'ready';
      this.failures = 0;
      this.schedule(this.intervalS);
      emit(this.host, 'callbudget-loaded', data);
    } catch (failure) {
      if (request.signal.aborted) return;
      const info = failure instanceof ApiError ? failure.info : unexpected(failure);
      // A blip (no answer, 5xx, 429) keeps the last figures on screen; a refusal (401, 403, 404) clears them.
      const transient = info.status === 0 || info.status === 429 || info.status >= 500;
      if (!transient || this.data === null) {
        this.data = null;
        this.status = 'error';
      }
      this.error = info;
      // Scheduling clears any timer set meanwhile, so a stop leaves none behind.
      if (info.status === 401 || info.status === 403) this.stopped = true;
      this.schedule(transient ? backoffSeconds(this.intervalS, ++this.failures, failure instanceof ApiError ? failure.retryAfterS : undefined) : this.intervalS);
      emit(this.host, 'callbudget-error', info);
    } finally {
      if (this.inflight === request) {
        this.inflight = undefined;
        this.refreshing = false;
        this.host.requestUpdate();
      }
    }
  }

  /** Next automatic fetch in `seconds`, unless refreshing is off or stopped. */
  private schedule(seconds: number): void {
    clearTimeout(this.timer);
    this.timer = this.intervalS > 0 && seconds > 0 && !this.stopped && this.host.isConnected ? setTimeout(() => this.tick(), seconds * 1000) : undefined;
  }

  private tick(): void {
    // A hidden tab would spend API calls on nobody; the next visible tick catches up.
    if (document.visibilityState === 'hidden') return this.schedule(this.intervalS);
    void this.load();
  }
}

/** Twice as long after each failure in a row, at least what Retry-After asks, capped. */
export function backoffSeconds(intervalS: number, failures: number, retryAfterS: number | undefined): number {
  const cap = Math.max(intervalS, MAX_BACKOFF_S);
  return Math.min(cap, Math.max(retryAfterS ?? 0, intervalS * 2 ** failures));
}

function intervalSeconds(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 0;
  return Math.max(MIN_INTERVAL_S, value);
}

function unexpected(failure: unknown): CallbudgetErrorDetail {
  return { status: 0, code: 'INTERNAL', title: 'Something went wrong', detail: failure instanceof Error ? failure.message : String(failure) };
}
