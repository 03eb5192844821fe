/**
 * Bulk API 2.0 jobs of one org: what each job holds (its settings, the uploaded CSV as the bytes
 * received, per-row outcomes, query rows) and the org's table of jobs. Ids use the `750` prefix
 * Salesforce gives every Bulk job.
 */
import type { SandboxOrg } from '../data/org-data.ts';
import type { CsvDialect } from './csv-format.ts';
import { releaseStored, type StoredBytes } from './upload-store.ts';

export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';

export type QueryOperation = 'query' | 'queryAll';

/** The states a job never leaves. */
export const TERMINAL_STATES: ReadonlySet<JobState> = new Set(['JobComplete', 'Failed', 'Aborted']);

interface JobBase {
  id: string;
  object: string;
  createdById: string;
  createdDate: number;
  systemModstamp: number;
  state: JobState;
  /** e.g. '62.0' */
  apiVersion: string;
  dialect: CsvDialect;
  /** Why the job failed (state Failed), as Salesforce words it. */
  errorMessage?: string;
}

/**
 * The one upload a job accepts, kept as the bytes received (in memory when small, else in a
 * temporary file: upload-store.ts) and re-read row by row when processed and when results are written.
 */
export interface UploadedData {
  stored: StoredBytes;
  bytes: number;
  /** Data rows (header excluded). */
  rows: number;
  /** A CSV syntax error found while reading; the job fails with it when processed. */
  syntaxError?: string;
}

/** What happened to each data row, by row index (header excluded). */
export interface RowOutcomes {
  /** The record id, or '' when the row failed before one was known. */
  ids: string[];
  /** 1 when the row created a record. */
  created: Uint8Array;
  /** The sf__Error text of a failed row; undefined for a success. */
  errors: (string | undefined)[];
}

/** An ingest job (insert, update, upsert, delete, hardDelete). */
export interface IngestJob extends JobBase {
  kind: 'ingest';
  operation: IngestOperation;
  externalIdFieldName?: string;
  upload?: UploadedData;
  /** Rows processed so far; rows past the end of `outcomes.ids` were not processed. */
  outcomes?: RowOutcomes;
  numberRecordsProcessed: number;
  numberRecordsFailed: number;
}

/** A query job; its rows are computed once, when it runs. */
export interface QueryJob extends JobBase {
  kind: 'query';
  operation: QueryOperation;
  query: string;
  columns?: string[];
  rows?: Record<string, unknown>[];
  numberRecordsProcessed: number;
}

export type BulkJob = IngestJob | QueryJob;

/** The jobs of one org, in creation order. */
export class BulkJobs {
  private readonly jobs = new Map<string, BulkJob>();

  constructor(private readonly org: SandboxOrg) {}

  /** A new job id. */
  newId(): string {
    return this.org.minter.next('750');
  }

  add(job: BulkJob): void {
    this.jobs.set(job.id, job);
  }

  /** A job of the given kind by id (15 or 18 characters), or undefined. */
  get<K extends BulkJob['kind']>(kind: K, id: string): Extract<BulkJob, { kind: K }> | undefined {
    const job = this.jobs.get(id) ?? [...this.jobs.values()].find((j) => j.id.slice(0, 15) === id);
    return job?.kind === kind ? (job as Extract<BulkJob, { kind: K }>) : undefined;
  }

  /** Every job of one kind, oldest first. */
  list<K extends BulkJob['kind']>(kind: K): Extract<BulkJob, { kind: K }>[] {
    return [...this.jobs.values()].filter((j): j is Extract<BulkJob, { kind: K }> => j.kind === kind);
  }

  /** Forget a job and the upload it kept. */
  delete(id: string): void {
    const job = this.jobs.get(id);
    if (job?.kind === 'ingest' && job.upload) releaseStored(job.upload.stored);
    this.jobs.delete(id);
  }
}

const ORG_JOBS = new WeakMap<SandboxOrg, BulkJobs>();

/** The job table of an org (made on first use; it lives as long as the org's data). */
export function jobsOf(org: SandboxOrg): BulkJobs {
  let jobs = ORG_JOBS.get(org);
  if (!jobs) {
    jobs = new BulkJobs(org);
    ORG_JOBS.set(org, jobs);
  }
  return jobs;
}
