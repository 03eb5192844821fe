/**
 * Work that follows a response (limiter settles, usage counters, the error log, notifications) runs
 * in the background; shutdown waits for it, so nothing already accepted is lost when an instance
 * stops. A failure is reported with its task and the request that started it, never lost.
 */
import { currentRequestId } from './request-scope.ts';

/** What failed in the background, and for which request. */
export interface BackgroundFailure {
  /** e.g. `limiter-settle`, `usage-counters`, `error-log`, `notifications`. */
  task: string;
  error: unknown;
  requestId?: string;
}

export interface BackgroundTasks {
  run(task: string, work: Promise<unknown>): void;
  /** Report a failure of background work tracked elsewhere (e.g. a batched writer); same log and metric. */
  report(task: string, error: unknown): void;
  /** Resolves when every task started so far has settled. */
  drain(): Promise<void>;
}

/** Track background work; failures go to `onFailure`. */
export function createBackgroundTasks(onFailure: (failure: BackgroundFailure) => void): BackgroundTasks {
  const pending = new Set<Promise<unknown>>();
  const report = (task: string, error: unknown, requestId = currentRequestId()): void => onFailure({ task, error, ...(requestId ? { requestId } : {}) });
  return {
    run(task, work) {
      // Taken now: by the time the work fails, the request may be long answered.
      const requestId = currentRequestId();
      const tracked = work.catch((error: unknown) => report(task, error, requestId)).finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
    report,
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
