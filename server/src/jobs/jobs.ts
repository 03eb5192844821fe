/**
 * Deferred pushes: accept one (now, or after the limiter refused it at its start or midway), show
 * them, cancel a queued one. Over BullMQ (job-queues.ts); only with Redis (embedded mode has none).
 */
import { randomUUID } from 'node:crypto';
import { Problem } from '../errors.ts';
import { keys } from '../keys.ts';
import type { Priority } from '../limiter/types.ts';
import type { Org } from '../orgs/org.ts';
import type { SharedState } from '../state/shared-state.ts';
import type { PushBody } from '../sync/push-input.ts';
import type { ChunkOutcome } from '../sync/push-send.ts';
import type { Relationship } from '../sync/relationships.ts';
import { callsOf, createChunkLedger } from './chunk-ledger.ts';
import type { JobQueues, PushJob } from './job-queues.ts';
import { jobStateOf, jobView, type JobView } from './job-view.ts';
import type { PushDeferred } from './push-deferred.ts';
import { JOB_RETENTION_MS } from './push-job.ts';

export interface PushSubmission {
  org: Org;
  relationship: Relationship;
  body: PushBody;
  priority: Priority;
  /** Derived from an Idempotency-Key; a new id otherwise. */
  jobId?: string;
  /** The limiter refused it: wait for its window. */
  deferred?: PushDeferred;
  /** It was refused midway: the chunks before `deniedAt` were sent, and their outcomes count. */
  sentBefore?: { outcomes: readonly ChunkOutcome[]; deniedAt: number };
}

export interface Jobs {
  submit(submission: PushSubmission): Promise<JobView>;
  get(orgId: string, jobId: string): Promise<JobView | undefined>;
  list(orgId: string): Promise<JobView[]>;
  /** Cancel a queued job; 409 when it runs or ended, 404 when unknown. */
  cancel(orgId: string, jobId: string): Promise<JobView>;
  queues: JobQueues;
  close(): Promise<void>;
}

export function createJobs(state: SharedState, queues: JobQueues, onClose: () => void = () => undefined): Jobs {
  async function view(orgId: string, job: PushJob): Promise<JobView> {
    const [state, pending] = await Promise.all([job.getState(), queues.pending(orgId)]);
    // It may have ended between reading it and reading its state: read it again for its results.
    const ended = (state === 'completed' || state === 'failed') && !job.finishedOn ? await queues.get(orgId, job.id!) : undefined;
    return jobView(ended ?? job, jobStateOf(state), pending);
  }

  async function get(orgId: string, jobId: string): Promise<JobView | undefined> {
    const job = await queues.get(orgId, jobId);
    if (job) return view(orgId, job);
    return state.getJson<JobView>(keys.jobCancelled(orgId, jobId));
  }

  return {
    queues,
    async submit(s) {
      const jobId = s.jobId ?? randomUUID();
      if (s.sentBefore) {
        const ledger = createChunkLedger(state, s.org.id, jobId);
        for (let n = 0; n < s.sentBefore.deniedAt; n++) {
          const outcome = s.sentBefore.outcomes[n]!;
          await ledger.write(n, { outcome, calls: callsOf(outcome) });
        }
      }
      const data = {
        orgId: s.org.id,
        incarnation: s.org.incarnation,
        relationship: s.relationship.name,
        body: s.body,
        priority: s.priority,
        acceptedAt: new Date().toISOString(),
        ...(s.deferred ? { dueAt: s.deferred.dueAt, waitingFor: s.deferred.reason } : {}),
        ...(s.jobId ? { idempotent: true } : {}),
      };
      const job = await queues.add(data, jobId, s.deferred?.waitMs);
      return view(s.org.id, job);
    },
    get,
    async list(orgId) {
      const pending = await queues.pending(orgId);
      const jobs = await queues.list(orgId);
      return Promise.all(jobs.map(async (job) => jobView(job, jobStateOf(await job.getState()), pending)));
    },
    async cancel(orgId, jobId) {
      const job = await queues.get(orgId, jobId);
      if (!job) {
        const cancelled = await state.getJson<JobView>(keys.jobCancelled(orgId, jobId));
        if (cancelled) return cancelled;
        throw new Problem('NOT_FOUND', `No job ${jobId} in this org.`);
      }
      const before = await view(orgId, job);
      if (before.state !== 'queued') throw new Problem('CONFLICT', `Job ${jobId} is ${before.state}; only a queued job can be cancelled.`, { state: before.state });
      try {
        // Refused while a worker holds it: it started meanwhile.
        await job.remove();
      } catch {
        throw new Problem('CONFLICT', `Job ${jobId} started meanwhile; only a queued job can be cancelled.`, { state: 'running' });
      }
      const cancelled: JobView = { ...before, state: 'cancelled', position: null, expectedStartAt: null, finishedAt: new Date().toISOString() };
      delete cancelled.waitingFor;
      await state.setJson(keys.jobCancelled(orgId, jobId), cancelled, JOB_RETENTION_MS);
      return cancelled;
    },
    async close() {
      onClose();
      await queues.close();
    },
  };
}
