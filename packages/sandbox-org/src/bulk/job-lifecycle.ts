/**
 * How a closed job moves on: UploadComplete → InProgress → JobComplete (or Failed). Salesforce
 * processes jobs in the background; the sandbox does the work when a client looks, so tests need
 * neither timers nor waiting: each read of the job's info moves it one step (a poller sees
 * InProgress once, then the outcome), and a read once the sandbox clock has passed
 * `PROCESSING_MS` since the job was closed finishes it at once (a job nobody polled for a while).
 * The records are written on the step out of InProgress.
 */
import type { SandboxOrg } from '../data/org-data.ts';
import { processIngest } from './ingest-process.ts';
import type { BulkJob } from './jobs.ts';
import { processQuery } from './query-run.ts';

/** Sandbox-clock time after which a closed job is done whenever it is next read. */
export const PROCESSING_MS = 2_000;

/** Closing times of jobs, kept beside the job so the JSON views stay Salesforce's fields only. */
const closedAt = new WeakMap<BulkJob, number>();

/** Note that a job has just been closed for processing (ingest: UploadComplete; query: created). */
export function markClosed(job: BulkJob, now: number): void {
  closedAt.set(job, now);
}

function step(org: SandboxOrg, job: BulkJob, now: number): void {
  if (job.state === 'UploadComplete') {
    job.state = 'InProgress';
  } else if (job.state === 'InProgress') {
    if (job.kind === 'ingest') processIngest(org, job);
    else processQuery(org, job);
  } else {
    return;
  }
  job.systemModstamp = now;
}

/** Called on every read of a job's info: move it on as described above. */
export function advanceOnRead(org: SandboxOrg, job: BulkJob): void {
  const now = org.clock.now();
  const overdue = now - (closedAt.get(job) ?? now) >= PROCESSING_MS;
  step(org, job, now);
  if (overdue) step(org, job, now);
}
