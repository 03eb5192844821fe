/**
 * Work that follows a response (usage counters, notifications, the org usage observation) runs in the
 * background; shutdown waits for it, so nothing already accepted is lost when an instance stops.
 */
export interface BackgroundTasks {
  run(work: Promise<unknown>): void;
  /** Resolves when every task started so far has settled. */
  drain(): Promise<void>;
}

/** Track background work; failures go to `onError`. */
export function createBackgroundTasks(onError: (error: unknown) => void): BackgroundTasks {
  const pending = new Set<Promise<unknown>>();
  return {
    run(work) {
      const tracked = work.catch(onError).finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
