/**
 * Bulk API 2.0 query resources under `/services/data/vXX.X/jobs/query`: create (the SOQL is
 * checked at once by the sandbox's engine), read, abort, delete, and CSV results in pages that
 * `Sforce-Locator` chains ('null' after the last) and `Sforce-NumberOfRecords` counts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendSfError } from '../errors.ts';
import { badTransition, invalidJob, invalidJobState, invalidLocator, jobNotFound, sendBulkError } from './bulk-errors.ts';
import { isBulkError, jobsFor, jsonObject, orgOf, sendJson } from './http.ts';
import { querySpec } from './job-spec.ts';
import { advanceOnRead, markClosed } from './job-lifecycle.ts';
import { fullView, listView, shortView } from './job-views.ts';
import { TERMINAL_STATES, type JobState, type QueryJob } from './jobs.ts';
import { DEFAULT_MAX_RECORDS, offsetOf, resultPage, runJobQuery } from './query-run.ts';

type JobRequest = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, string | undefined> }>;

const DELETABLE: ReadonlySet<JobState> = new Set(['UploadComplete', 'JobComplete', 'Aborted', 'Failed']);

function jobOf(request: JobRequest): QueryJob | undefined {
  return jobsFor(request).get('query', request.params.id);
}

async function createJob(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const body = await jsonObject(request);
  if (isBulkError(body)) return sendBulkError(reply, body);
  const spec = querySpec(body);
  if (isBulkError(spec)) return sendBulkError(reply, spec);
  const org = orgOf(request);
  // A query Salesforce cannot run is refused when the job is created, with the engine's error.
  const check = runJobQuery(org, spec.query, spec.operation === 'queryAll');
  if (!check.ok) return sendSfError(reply, 400, check.errorCode, check.message);
  if (check.count) return sendBulkError(reply, invalidJob('Aggregate queries are not supported by Bulk API 2.0'));
  const jobs = jobsFor(request);
  const now = org.clock.now();
  const job: QueryJob = {
    kind: 'query',
    id: jobs.newId(),
    operation: spec.operation,
    object: check.object,
    query: spec.query,
    createdById: request.sandbox.userId,
    createdDate: now,
    systemModstamp: now,
    state: 'UploadComplete',
    apiVersion: request.sandbox.apiVersion,
    dialect: spec.dialect,
    numberRecordsProcessed: 0,
  };
  jobs.add(job);
  markClosed(job, now);
  return sendJson(reply, 200, shortView(job));
}

async function abortJob(request: JobRequest, reply: FastifyReply): Promise<FastifyReply> {
  const body = await jsonObject(request);
  if (isBulkError(body)) return sendBulkError(reply, body);
  const job = jobOf(request);
  if (!job) return sendBulkError(reply, jobNotFound());
  // A query job is closed from birth: Aborted is the only state a client may set.
  if (body.state !== 'Aborted' || TERMINAL_STATES.has(job.state)) return sendBulkError(reply, badTransition(job.state, String(body.state)));
  job.state = 'Aborted';
  job.systemModstamp = orgOf(request).clock.now();
  return sendJson(reply, 200, shortView(job));
}

async function results(request: JobRequest, reply: FastifyReply): Promise<FastifyReply> {
  const job = jobOf(request);
  if (!job) return sendBulkError(reply, jobNotFound());
  if (job.state !== 'JobComplete') return sendBulkError(reply, invalidJobState(`Job ${job.id} is in state ${job.state}; results are available once it is JobComplete`));
  const { locator, maxRecords } = request.query;
  let max = DEFAULT_MAX_RECORDS;
  if (maxRecords !== undefined && maxRecords !== '') {
    if (!/^[1-9]\d{0,8}$/.test(maxRecords)) return sendBulkError(reply, invalidJob(`Invalid maxRecords: ${maxRecords}; use a positive integer`));
    max = Number(maxRecords);
  }
  let offset = 0;
  if (locator !== undefined && locator !== '') {
    const found = offsetOf(locator, job.rows?.length ?? 0);
    if (found === undefined) return sendBulkError(reply, invalidLocator(locator));
    offset = found;
  }
  const page = resultPage(job, offset, max);
  return reply.code(200).type('text/csv').header('Sforce-Locator', page.next).header('Sforce-NumberOfRecords', String(page.count)).send(page.csv);
}

/** Register the query resources (`slash`: also answer with a trailing slash). */
export function queryRoutes(scope: FastifyInstance, slash: boolean): void {
  const base = '/jobs/query';
  scope.post(base, createJob);
  scope.get(base, async (request, reply) => sendJson(reply, 200, listView(jobsFor(request).list('query'))));
  scope.get(`${base}/:id`, async (request: JobRequest, reply) => {
    const job = jobOf(request);
    if (!job) return sendBulkError(reply, jobNotFound());
    advanceOnRead(orgOf(request), job);
    return sendJson(reply, 200, fullView(job));
  });
  scope.patch(`${base}/:id`, abortJob);
  scope.delete(`${base}/:id`, async (request: JobRequest, reply) => {
    const job = jobOf(request);
    if (!job) return sendBulkError(reply, jobNotFound());
    if (!DELETABLE.has(job.state)) return sendBulkError(reply, invalidJobState(`Job ${job.id} is in state ${job.state} and cannot be deleted`));
    jobsFor(request).delete(job.id);
    return reply.code(204).send();
  });
  scope.get(`${base}/:id/results`, results);
  if (slash) {
    scope.post(`${base}/`, createJob);
    scope.get(`${base}/:id/results/`, results);
  }
}
