/**
 * Runs one deferred push: the same pushRecords as a push answered now, with the resumable sender over
 * the job's ledger. When the limiter has no room, the job becomes a BullMQ delayed job due at the
 * window's release time (the limiter's Retry-After), and resumes where it stopped.
 */
import { DelayedError, UnrecoverableError } from 'bullmq';
import { Problem } from '../errors.ts';
import type { OrgRepository } from '../orgs/org-repository.ts';
import type { SharedState } from '../state/shared-state.ts';
import { describeObject, type DescribeDeps } from '../sync/describe-cache.ts';
import type { Org } from '../orgs/org.ts';
import type { PushJobData } from './push-job.ts';
import { pushRecords } from '../sync/push-service.ts';
import type { SyncTracking } from '../sync/push-tracking.ts';
import { RELATIONSHIPS } from '../sync/relationships.ts';
import { createChunkLedger } from './chunk-ledger.ts';
import type { PushProcessor } from './job-queues.ts';
import { deferralOfProblem, PushDeferred } from './push-deferred.ts';
import { resumableSender } from './resumable-send.ts';

export type ProcessorDeps = DescribeDeps &
  SyncTracking & {
    state: SharedState;
    orgs: Pick<OrgRepository, 'get'>;
    /** The limiter's clock (Date.now in production; the tests pin it). */
    now: () => number;
  };

/** An External ID field of `object` that the relationship's mapping fills, spelled as the mapping spells it. */
async function mappedExternalId(deps: DescribeDeps, org: Org, data: PushJobData, object: string): Promise<string | undefined> {
  const mapped = org.mappings[data.relationship].flatMap((m) => (m.salesforceField ? [m.salesforceField] : []));
  if (mapped.length === 0) return undefined;
  const context = { relationship: data.relationship, direction: 'push' as const, priority: data.priority };
  const { describe } = await describeObject(deps, org, object, context);
  const external = new Set(describe.fields.filter((f) => f.externalId).map((f) => f.name.toLowerCase()));
  return mapped.find((field) => external.has(field.toLowerCase()));
}

/** The processor every worker runs. */
export function pushJobProcessor(deps: ProcessorDeps): PushProcessor {
  return async (job, token) => {
    const data = job.data;
    const org = await deps.orgs.get(data.orgId);
    if (!org || org.incarnation !== data.incarnation) throw new UnrecoverableError('The org was deleted after this push was accepted.');
    try {
      const ledger = createChunkLedger(deps.state, data.orgId, job.id!);
      const send = resumableSender(ledger, { now: deps.now, externalIdOf: (object) => mappedExternalId(deps, org, data, object) });
      const outcome = await pushRecords(deps, org, RELATIONSHIPS[data.relationship], data.body, { priority: data.priority, send });
      return outcome.response;
    } catch (error) {
      const deferred = error instanceof PushDeferred ? error : deferralOfProblem(error);
      if (deferred) {
        await job.updateData({ ...data, dueAt: deferred.dueAt, waitingFor: deferred.reason });
        await job.moveToDelayed(Date.now() + deferred.waitMs, token);
        throw new DelayedError();
      }
      // Bad input or a refusal that will not change: fail now; our store or Salesforce unreachable: try again.
      if (error instanceof Problem && error.status < 500) throw new UnrecoverableError(`${error.code}: ${error.message}`);
      throw error;
    }
  };
}
