/**
 * Jobs as the Bulk API 2.0 writes them in JSON: the short form a create (or state change) answers,
 * the full form of `GET …/jobs/{ingest|query}/{id}`, and the list of `GET …/jobs/{ingest|query}`.
 */
import { formatDateTime } from '../data/values.ts';
import type { BulkJob, IngestJob, QueryJob } from './jobs.ts';

/** Fields every answer about a job carries, in Salesforce's order. */
function common(job: BulkJob): Record<string, unknown> {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: formatDateTime(job.createdDate),
    systemModstamp: formatDateTime(job.systemModstamp),
    state: job.state,
    ...(job.kind === 'ingest' && job.externalIdFieldName !== undefined ? { externalIdFieldName: job.externalIdFieldName } : {}),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.apiVersion),
  };
}

/** `services/data/v62.0/jobs/ingest/{id}/batches` (relative, no leading slash, as Salesforce writes it). */
function contentUrl(job: IngestJob): string {
  return `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches`;
}

/** What creating a job, or changing its state, answers. */
export function shortView(job: BulkJob): Record<string, unknown> {
  return {
    ...common(job),
    ...(job.kind === 'ingest' && job.state === 'Open' ? { contentUrl: contentUrl(job) } : {}),
    lineEnding: job.dialect.lineEnding,
    columnDelimiter: job.dialect.columnDelimiter,
  };
}

function ingestDetails(job: IngestJob): Record<string, unknown> {
  return {
    jobType: 'V2Ingest',
    ...(job.state === 'Open' ? { contentUrl: contentUrl(job) } : {}),
    lineEnding: job.dialect.lineEnding,
    columnDelimiter: job.dialect.columnDelimiter,
    numberRecordsProcessed: job.numberRecordsProcessed,
    numberRecordsFailed: job.numberRecordsFailed,
    retries: 0,
    totalProcessingTime: 0,
    apiActiveProcessingTime: 0,
    apexProcessingTime: 0,
  };
}

function queryDetails(job: QueryJob): Record<string, unknown> {
  return {
    jobType: 'V2Query',
    lineEnding: job.dialect.lineEnding,
    columnDelimiter: job.dialect.columnDelimiter,
    numberRecordsProcessed: job.numberRecordsProcessed,
    retries: 0,
    totalProcessingTime: 0,
    isPkChunkingSupported: false,
  };
}

/** `GET …/jobs/{kind}/{id}`: everything, with `errorMessage` once the job failed. */
export function fullView(job: BulkJob): Record<string, unknown> {
  return {
    ...common(job),
    ...(job.kind === 'ingest' ? ingestDetails(job) : queryDetails(job)),
    ...(job.errorMessage === undefined ? {} : { errorMessage: job.errorMessage }),
  };
}

/** `GET …/jobs/{kind}`: one page holding every job (the sandbox never has enough to page). */
export function listView(jobs: readonly BulkJob[]): Record<string, unknown> {
  return { done: true, records: jobs.map(fullView), nextRecordsUrl: null };
}
