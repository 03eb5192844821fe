/** A deferred job as the API shows it: state, place in line, expected start, results when done. */
import type { PushResponse } from '../sync/push-service.ts';
import type { PushJob } from './job-queues.ts';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobView {
  id: string;
  state: JobState;
  relationship: string;
  operation: string;
  priority: string;
  records: number;
  acceptedAt: string;
  /** 0: running or next; null once it ended. */
  position: number | null;
  /** When it is expected to start: the limiter's release time it waits for (null: as soon as the one ahead ends). */
  expectedStartAt: string | null;
  /** The limiter's refusal it waits for, while queued. */
  waitingFor?: string;
  startedAt?: string;
  finishedAt?: string;
  /** Done: one result per record, as a push answered at once. */
  result?: PushResponse;
  /** Failed: why. */
  error?: string;
}

/** BullMQ's state in our words. */
export function jobStateOf(state: string): JobState {
  if (state === 'active') return 'running';
  if (state === 'completed') return 'done';
  if (state === 'failed') return 'failed';
  return 'queued';
}

const iso = (ms: number | undefined): string | undefined => (ms ? new Date(ms).toISOString() : undefined);

/**
 * The view of `job`; `pending` is the org's line (running first). A queued job starts no earlier than
 * its own due time or that of any job ahead of it, whichever is later.
 */
export function jobView(job: PushJob, state: JobState, pending: readonly PushJob[]): JobView {
  const data = job.data;
  const index = pending.findIndex((j) => j.id === job.id);
  const ahead = index < 0 ? [] : pending.slice(0, index + 1);
  const due = Math.max(0, ...ahead.map((j) => j.data.dueAt ?? 0));
  const queued = state === 'queued';
  return {
    id: job.id!,
    state,
    relationship: data.relationship,
    operation: data.body.operation,
    priority: data.priority,
    records: data.body.records.length,
    acceptedAt: data.acceptedAt,
    position: queued || state === 'running' ? Math.max(0, index) : null,
    expectedStartAt: queued && due > 0 ? new Date(due).toISOString() : null,
    ...(queued && data.waitingFor ? { waitingFor: data.waitingFor } : {}),
    ...(job.processedOn && state !== 'queued' ? { startedAt: iso(job.processedOn)! } : {}),
    ...(job.finishedOn ? { finishedAt: iso(job.finishedOn)! } : {}),
    ...(state === 'done' && job.returnvalue ? { result: job.returnvalue } : {}),
    ...(state === 'failed' ? { error: job.failedReason } : {}),
  };
}
