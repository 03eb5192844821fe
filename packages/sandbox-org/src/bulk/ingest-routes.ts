/**
 * Bulk API 2.0 ingest resources under `/services/data/vXX.X/jobs/ingest`. Each request reaching
 * them has passed the platform's gate, so each is one counted API call (see routes.ts).
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badTransition, invalidJobState, jobNotFound, sendBulkError, unsupportedContentType } from './bulk-errors.ts';
import { discard, isBulkError, jobsFor, jsonObject, orgOf, sendJson } from './http.ts';
import { resultStream, type ResultKind } from './ingest-results.ts';
import { ingestSpec } from './job-spec.ts';
import { advanceOnRead, markClosed } from './job-lifecycle.ts';
import { fullView, listView, shortView } from './job-views.ts';
import { TERMINAL_STATES, type IngestJob, type JobState } from './jobs.ts';
import { readUpload } from './upload.ts';
import { releaseStored } from './upload-store.ts';

type JobRequest = FastifyRequest<{ Params: { id: string } }>;

/** States from which a job may be deleted (Salesforce: closed or finished jobs only). */
const DELETABLE: ReadonlySet<JobState> = new Set(['UploadComplete', 'JobComplete', 'Aborted', 'Failed']);

function jobOf(request: JobRequest): IngestJob | undefined {
  return jobsFor(request).get('ingest', request.params.id);
}

async function createJob(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const body = await jsonObject(request);
  if (isBulkError(body)) return sendBulkError(reply, body);
  const org = orgOf(request);
  const spec = ingestSpec(org, body);
  if (isBulkError(spec)) return sendBulkError(reply, spec);
  const jobs = jobsFor(request);
  const now = org.clock.now();
  const job: IngestJob = {
    kind: 'ingest',
    id: jobs.newId(),
    operation: spec.operation,
    object: spec.schema.name,
    ...(spec.externalIdFieldName === undefined ? {} : { externalIdFieldName: spec.externalIdFieldName }),
    createdById: request.sandbox.userId,
    createdDate: now,
    systemModstamp: now,
    state: 'Open',
    apiVersion: request.sandbox.apiVersion,
    dialect: spec.dialect,
    numberRecordsProcessed: 0,
    numberRecordsFailed: 0,
  };
  jobs.add(job);
  return sendJson(reply, 200, shortView(job));
}

/** PUT …/batches: the job's one CSV upload, read as a stream. */
async function uploadData(request: JobRequest, reply: FastifyReply): Promise<FastifyReply> {
  const job = jobOf(request);
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const refusal = !job
    ? jobNotFound()
    : job.state !== 'Open'
      ? invalidJobState(`Job ${job.id} is in state ${job.state}; data can only be uploaded to an Open job`)
      : job.upload
        ? invalidJobState(`Found multiple contents for job: ${job.id}; upload the job's data in one request`)
        : type !== 'text/csv'
          ? unsupportedContentType(type)
          : undefined;
  if (refusal || !job) {
    await discard(request.body);
    return sendBulkError(reply, refusal ?? jobNotFound());
  }
  const declared = request.headers['content-length'] === undefined ? undefined : Number(request.headers['content-length']);
  // A PUT with no body at all reaches us without a stream: an empty upload.
  const body = request.body instanceof Readable ? request.body : Readable.from([]);
  const result = await readUpload(body, job.dialect, declared);
  if (!result.ok) return sendBulkError(reply, result.error);
  // Checked again: the job may have been aborted or closed while the upload streamed in.
  if (job.state !== 'Open' || job.upload) {
    releaseStored(result.data.stored);
    return sendBulkError(reply, invalidJobState(`Job ${job.id} changed state during the upload`));
  }
  job.upload = result.data;
  return reply.code(201).send();
}

async function changeState(request: JobRequest, reply: FastifyReply): Promise<FastifyReply> {
  const body = await jsonObject(request);
  if (isBulkError(body)) return sendBulkError(reply, body);
  const job = jobOf(request);
  if (!job) return sendBulkError(reply, jobNotFound());
  const target = body.state;
  const now = orgOf(request).clock.now();
  if (target === 'UploadComplete' && job.state === 'Open') {
    job.state = 'UploadComplete';
    markClosed(job, now);
  } else if (target === 'Aborted' && !TERMINAL_STATES.has(job.state)) {
    job.state = 'Aborted';
  } else {
    return sendBulkError(reply, badTransition(job.state, String(target)));
  }
  job.systemModstamp = now;
  return sendJson(reply, 200, shortView(job));
}

async function deleteJob(request: JobRequest, reply: FastifyReply): Promise<FastifyReply> {
  const job = jobOf(request);
  if (!job) return sendBulkError(reply, jobNotFound());
  if (!DELETABLE.has(job.state)) return sendBulkError(reply, invalidJobState(`Job ${job.id} is in state ${job.state} and cannot be deleted`));
  jobsFor(request).delete(job.id);
  return reply.code(204).send();
}

function results(kind: ResultKind) {
  return async (request: JobRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const job = jobOf(request);
    if (!job) return sendBulkError(reply, jobNotFound());
    if (job.state === 'Open') return sendBulkError(reply, invalidJobState(`Job ${job.id} is still Open; close it before asking for its results`));
    return reply.code(200).type('text/csv').send(resultStream(job, kind));
  };
}

/** Register the ingest resources (`slash`: also answer with a trailing slash). */
export function ingestRoutes(scope: FastifyInstance, slash: boolean): void {
  const base = '/jobs/ingest';
  scope.post(base, createJob);
  scope.get(base, async (request, reply) => sendJson(reply, 200, listView(jobsFor(request).list('ingest'))));
  scope.get(`${base}/:id`, async (request: JobRequest, reply) => {
    const job = jobOf(request);
    if (!job) return sendBulkError(reply, jobNotFound());
    advanceOnRead(orgOf(request), job);
    return sendJson(reply, 200, fullView(job));
  });
  scope.patch(`${base}/:id`, changeState);
  scope.delete(`${base}/:id`, deleteJob);
  scope.put(`${base}/:id/batches`, uploadData);
  for (const kind of ['successfulResults', 'failedResults', 'unprocessedrecords'] as const) {
    scope.get(`${base}/:id/${kind}`, results(kind));
    if (slash) scope.get(`${base}/:id/${kind}/`, results(kind));
  }
  if (slash) {
    scope.post(`${base}/`, createJob);
    scope.put(`${base}/:id/batches/`, uploadData);
  }
}
