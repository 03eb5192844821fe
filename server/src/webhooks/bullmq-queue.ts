/**
 * Webhook deliveries over BullMQ on the service's Redis: durable (a delivery waiting for its retry
 * survives a restart), shared (any instance's worker sends it), retried by BullMQ with exponential
 * backoff, the policy of webhook-retry.ts: a retryable failure throws so BullMQ retries it; a final one
 * throws UnrecoverableError so it does not.
 */
import { closeWithin, GRACEFUL_CLOSE_MS } from '../bounded-close.ts';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { DeliveryQueue } from './delivery-queue.ts';
import type { Deliverer, DeliveryJob } from './webhook-deliverer.ts';
import type { WebhookRetryPolicy } from './webhook-retry.ts';

export interface BullmqQueueOptions {
  redisUrl: string;
  /** Key prefix of the queue's Redis keys. @default 'cb' */
  prefix?: string;
  policy: WebhookRetryPolicy;
  /** Deliveries sent at once by this instance. @default 4 */
  concurrency?: number;
  onError: (error: unknown) => void;
}

const QUEUE = 'webhooks';

/** Create the queue and this instance's worker. */
export function createBullmqDeliveryQueue(deliver: Deliverer, options: BullmqQueueOptions): DeliveryQueue {
  const prefix = options.prefix ?? 'cb';
  // Workers block on Redis: BullMQ wants no per-command retry limit on their connection.
  const connection = { url: options.redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue<DeliveryJob>(QUEUE, { connection, prefix });
  queue.on('error', options.onError);
  const running = new Set<Promise<unknown>>();
  const worker = new Worker<DeliveryJob>(
    QUEUE,
    async (job: Job<DeliveryJob>) => {
      const attempt = job.attemptsMade + 1;
      const work = deliver(job.data, attempt, attempt >= options.policy.attempts);
      running.add(work);
      const verdict = await work.finally(() => running.delete(work));
      if (verdict === 'retry') throw new Error('webhook delivery failed; retrying');
      if (verdict === 'final') throw new UnrecoverableError('webhook delivery refused; not retried');
    },
    { connection, prefix, concurrency: options.concurrency ?? 4 },
  );
  worker.on('error', options.onError);
  return {
    async enqueue(job) {
      await queue.add('deliver', job, {
        jobId: job.deliveryId,
        attempts: options.policy.attempts,
        backoff: { type: 'exponential', delay: options.policy.baseDelayMs },
        removeOnComplete: { age: 86_400, count: 1000 },
        removeOnFail: { age: 7 * 86_400, count: 1000 },
      });
    },
    async idle() {
      await Promise.all([...running]);
    },
    async close() {
      await closeWithin(
        GRACEFUL_CLOSE_MS,
        async () => {
          await worker.close();
          await queue.close();
        },
        // Not awaited: with Redis gone, even a forced BullMQ close waits for its connection.
        async () => {
          void worker.close(true).catch(() => undefined);
          void queue.disconnect().catch(() => undefined);
        },
      );
    },
  };
}
