/**
 * BullMQ on the service's Redis: one queue per org (`cb:jobs-ORG`), limited to one running job at a
 * time across every instance (the queue's global concurrency), and a worker for it in every instance.
 * An instance learns which orgs have queues from a set, read at start, and a pub/sub message when an
 * org gets its first job. A job waiting for the limiter is a BullMQ delayed job: Redis wakes it at the
 * window's release time, nothing polls.
 */
import { closeWithin, GRACEFUL_CLOSE_MS } from '../bounded-close.ts';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { keys } from '../keys.ts';
import type { SharedState } from '../state/shared-state.ts';
import type { PushResponse } from '../sync/push-service.ts';
import { JOB_RETENTION_MS, QUEUE_PRIORITY, type PushJobData } from './push-job.ts';

export type PushJob = Job<PushJobData, PushResponse>;
export type PushProcessor = (job: PushJob, token: string | undefined) => Promise<PushResponse>;

export interface JobQueueOptions {
  /** A dead instance's running job is taken over after this. @default 30000 */
  lockDurationMs?: number;
  /** How often workers look for jobs of dead instances. @default 15000 */
  stalledIntervalMs?: number;
}

export interface JobQueues {
  /** Add a job (an existing `jobId` is kept as it is: duplicates make one job). */
  add(data: PushJobData, jobId: string, delayMs?: number): Promise<PushJob>;
  get(orgId: string, jobId: string): Promise<PushJob | undefined>;
  /** Jobs not yet ended and recently ended, newest first. */
  list(orgId: string): Promise<PushJob[]>;
  /** Jobs waiting or running, in the order they will run (running first). */
  pending(orgId: string): Promise<PushJob[]>;
  /** Orgs this instance runs a worker for. */
  orgs(): string[];
  close(): Promise<void>;
}

const PREFIX = 'cb';
const queueName = (orgId: string): string => `jobs-${orgId}`;

/** Start the queues of every org known to have jobs, and a worker for each in this instance. */
export function createJobQueues(redisUrl: string, state: SharedState, processor: PushProcessor, options: JobQueueOptions = {}): JobQueues {
  // BullMQ wants commands retried for ever on its connections (a worker must outlive a Redis restart).
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', () => undefined);
  const queues = new Map<string, Queue<PushJobData, PushResponse>>();
  const workers = new Map<string, Worker<PushJobData, PushResponse>>();
  let closed = false;

  function queueOf(orgId: string): Queue<PushJobData, PushResponse> {
    let queue = queues.get(orgId);
    if (!queue) {
      queue = new Queue<PushJobData, PushResponse>(queueName(orgId), { connection, prefix: PREFIX });
      queue.on('error', () => undefined);
      queues.set(orgId, queue);
    }
    return queue;
  }

  async function ensureWorker(orgId: string): Promise<void> {
    if (closed || workers.has(orgId)) return;
    const worker = new Worker<PushJobData, PushResponse>(queueName(orgId), (job, token) => processor(job, token), {
      connection,
      prefix: PREFIX,
      concurrency: 1,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 15_000,
      // A job taken over from a dead instance resumes from its ledger; it may be taken over a few times.
      maxStalledCount: 10,
    });
    worker.on('error', () => undefined);
    workers.set(orgId, worker);
    // One job of the org at a time, whichever instance runs it.
    await queueOf(orgId).setGlobalConcurrency(1);
  }

  const started = (orgId: string): void => void ensureWorker(orgId).catch(() => undefined);
  state.subscribe(keys.jobOrgEvents(), started);
  // Jobs accepted before this instance started (or by one that died) run here too.
  void state
    .members(keys.jobOrgs())
    .then((orgIds) => orgIds.forEach(started))
    .catch(() => undefined);

  return {
    async add(data, jobId, delayMs) {
      if (!workers.has(data.orgId)) {
        await ensureWorker(data.orgId);
        await state.addToSet(keys.jobOrgs(), data.orgId);
        await state.publish(keys.jobOrgEvents(), data.orgId);
      }
      return queueOf(data.orgId).add('push', data, {
        jobId,
        priority: QUEUE_PRIORITY[data.priority],
        ...(delayMs && delayMs > 0 ? { delay: delayMs } : {}),
        // Our store or Salesforce unreachable: try again; the ledger keeps what was done.
        attempts: 50,
        backoff: { type: 'fixed', delay: 2_000 },
        removeOnComplete: { age: JOB_RETENTION_MS / 1000 },
        removeOnFail: { age: JOB_RETENTION_MS / 1000 },
      });
    },
    async get(orgId, jobId) {
      return (await queueOf(orgId).getJob(jobId)) ?? undefined;
    },
    async list(orgId) {
      const jobs = await queueOf(orgId).getJobs(['active', 'prioritized', 'waiting', 'delayed', 'completed', 'failed'], 0, 199);
      return jobs.filter((j): j is PushJob => Boolean(j)).sort((a, b) => b.timestamp - a.timestamp);
    },
    async pending(orgId) {
      const queue = queueOf(orgId);
      const present = (jobs: (PushJob | undefined)[]): PushJob[] => jobs.filter((j): j is PushJob => Boolean(j));
      const [active, ready, delayed] = await Promise.all([queue.getJobs(['active']), queue.getJobs(['prioritized', 'waiting']), queue.getJobs(['delayed'])]);
      ready.sort((a, b) => (a.opts.priority ?? 0) - (b.opts.priority ?? 0) || a.timestamp - b.timestamp);
      // Waiting for the window: they run when it frees, in priority order then FIFO.
      delayed.sort((a, b) => (a.opts.priority ?? 0) - (b.opts.priority ?? 0) || a.timestamp - b.timestamp);
      return [...present(active), ...present(ready), ...present(delayed)];
    },
    orgs: () => [...workers.keys()],
    async close() {
      closed = true;
      await closeWithin(
        GRACEFUL_CLOSE_MS,
        async () => {
          await Promise.all([...workers.values()].map((w) => w.close()));
          await Promise.all([...queues.values()].map((q) => q.close()));
          await connection.quit();
        },
        // Not awaited: with Redis gone, even a forced BullMQ close waits for its connection.
        async () => {
          for (const worker of workers.values()) void worker.close(true).catch(() => undefined);
          for (const queue of queues.values()) void queue.disconnect().catch(() => undefined);
          connection.disconnect();
        },
      );
    },
  };
}
