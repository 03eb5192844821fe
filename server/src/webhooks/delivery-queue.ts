/**
 * Where deliveries wait between attempts. With Redis: a BullMQ queue on the same Redis (bullmq-queue.ts),
 * durable, shared by every instance, retried with exponential backoff. Embedded mode (no Redis): this
 * in-process queue, with the same retry policy; what is waiting is lost when the process stops, like
 * everything else embedded mode keeps.
 */
import type { Deliverer, DeliveryJob } from './webhook-deliverer.ts';
import { retryDelayMs, type WebhookRetryPolicy } from './webhook-retry.ts';

export interface DeliveryQueue {
  enqueue(job: DeliveryJob): Promise<void>;
  /** Resolves once the attempts running now are done (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** The in-process queue. */
export function createMemoryDeliveryQueue(deliver: Deliverer, policy: WebhookRetryPolicy, onError: (error: unknown) => void): DeliveryQueue {
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let closed = false;

  function run(job: DeliveryJob, attempt: number): void {
    if (closed) return;
    const isLast = attempt >= policy.attempts;
    const work = deliver(job, attempt, isLast)
      .then((verdict) => {
        if (verdict !== 'retry' || isLast || closed) return;
        const timer = setTimeout(
          () => {
            timers.delete(timer);
            run(job, attempt + 1);
          },
          retryDelayMs(policy, attempt),
        );
        timer.unref();
        timers.add(timer);
      })
      .catch(onError)
      .finally(() => running.delete(work));
    running.add(work);
  }

  return {
    async enqueue(job) {
      run(job, 1);
    },
    async idle() {
      await Promise.all([...running]);
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([...running]);
    },
  };
}
