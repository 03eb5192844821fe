/**
 * Tests only: when the limiter's clock is pinned (a manual clock), BullMQ's delays, which run on the
 * wall clock, never come due. This wakes delayed jobs whose due time the pinned clock has passed, a
 * few times a second. Production has no pinned clock and never starts it.
 */
import type { JobQueues } from './job-queues.ts';

export interface Waker {
  stop(): void;
}

/** Check the pinned clock every `everyMs`; promote what it made due. */
export function wakeOnPinnedClock(queues: JobQueues, now: () => number, everyMs = 100): Waker {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void promoteDue(queues, now())
      .catch(() => undefined)
      .finally(() => (busy = false));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

async function promoteDue(queues: JobQueues, at: number): Promise<void> {
  for (const orgId of queues.orgs()) {
    for (const job of await queues.pending(orgId)) {
      if (job.data.dueAt !== undefined && job.data.dueAt <= at && (await job.isDelayed())) await job.promote().catch(() => undefined);
    }
  }
}
