/**
 * POST /sync/:relationship when jobs may be involved. A push is answered now (200) unless it asked
 * `Prefer: respond-async`, carries an Idempotency-Key, or the limiter refused it (at its start or midway)
 * in an org with `deferWhenLimited`: then it is a deferred job and the answer is `202 Accepted` with its
 * `Location`. A keyed push that was not asked to be async waits a little for its job, so a client
 * usually gets its results at once, and a retry with the key gets the same job or results.
 */
import type { FastifyReply } from 'fastify';
import { Problem } from '../errors.ts';
import type { Priority } from '../limiter/types.ts';
import type { Org } from '../orgs/org.ts';
import type { Services } from '../services.ts';
import { pushRecords, type PushOutcome } from '../sync/push-service.ts';
import type { PushBody } from '../sync/push-input.ts';
import type { Relationship } from '../sync/relationships.ts';
import { claimIdempotencyKey } from './idempotency.ts';
import type { JobView } from './job-view.ts';
import type { Jobs } from './jobs.ts';
import { deferralOf, deferralOfProblem } from './push-deferred.ts';

export interface PushAsk {
  org: Org;
  relationship: Relationship;
  body: PushBody;
  priority: Priority;
  /** `Prefer: respond-async`. */
  async: boolean;
  idempotencyKey: string | undefined;
}

/** How long a keyed push waits for its job before answering 202. */
const KEYED_WAIT_MS = 20_000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The 202 with the job's Location (and Preference-Applied when it was asked for). */
function accepted(reply: FastifyReply, view: JobView, orgId: string, asked: boolean): JobView {
  void reply.code(202).header('Location', `/v1/orgs/${orgId}/jobs/${view.id}`);
  if (asked) void reply.header('Preference-Applied', 'respond-async');
  if (view.expectedStartAt) void reply.header('Retry-After', String(Math.max(1, Math.ceil((Date.parse(view.expectedStartAt) - Date.now()) / 1000))));
  return view;
}

/** Wait until the job ended or waits for the window (then it will not end soon). */
async function awaitJob(jobs: Jobs, orgId: string, view: JobView): Promise<JobView> {
  const until = Date.now() + KEYED_WAIT_MS;
  let current = view;
  while (current.state === 'running' || (current.state === 'queued' && !current.waitingFor)) {
    if (Date.now() > until) break;
    await sleep(25);
    current = (await jobs.get(orgId, view.id)) ?? current;
  }
  return current;
}

/** A push answered now (its results), or a job (202, the reply's status and headers are set). */
export type Submitted = { outcome: PushOutcome } | { job: JobView };

/** Answer a push: its results (200), or its job (202). */
export async function submitPush(services: Services, ask: PushAsk, reply: FastifyReply): Promise<Submitted> {
  const { jobs } = services;
  const { org, relationship, body, priority } = ask;
  // Without Redis (embedded mode) there are no jobs: `Prefer` is ignored (RFC 7240 allows it) and the
  // push answered now; an Idempotency-Key cannot be kept, and saying so beats ignoring it.
  if (!jobs && ask.idempotencyKey !== undefined) {
    throw new Problem('JOBS_UNAVAILABLE', 'Idempotency-Key needs the shared store (REDIS_URL); this instance runs without it. Send the push without the key, or run with Redis.');
  }
  if (jobs && (ask.async || ask.idempotencyKey !== undefined)) {
    const jobId = ask.idempotencyKey === undefined ? undefined : await claimIdempotencyKey(services.state, org.id, ask.idempotencyKey, { relationship: relationship.name, priority, body });
    let view = await jobs.submit({ org, relationship, body, priority, ...(jobId ? { jobId } : {}) });
    if (!ask.async) view = await awaitJob(jobs, org.id, view);
    if (!ask.async && view.state === 'done' && view.result) return { outcome: { response: view.result } };
    return { job: accepted(reply, view, org.id, ask.async) };
  }
  const deferTo = jobs !== undefined && org.deferWhenLimited !== false ? jobs : undefined;
  let outcome;
  try {
    outcome = await pushRecords(services, org, relationship, body, { priority });
  } catch (error) {
    const deferred = deferTo ? deferralOfProblem(error) : undefined;
    if (!deferTo || !deferred) throw error;
    return { job: accepted(reply, await deferTo.submit({ org, relationship, body, priority, deferred }), org.id, false) };
  }
  const deferred = deferTo && outcome.denied ? deferralOf(outcome.denied) : undefined;
  if (deferTo && deferred && outcome.sentBefore) return { job: accepted(reply, await deferTo.submit({ org, relationship, body, priority, deferred, sentBefore: outcome.sentBefore }), org.id, false) };
  return { outcome };
}
