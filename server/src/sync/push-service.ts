/**
 * A push: translate CRM records, reduce them to as few sObject Collections requests as possible,
 * send each through the limiter, and answer one result per input record, in input order.
 */
import { Problem } from '../errors.ts';
import type { Decision, Priority } from '../limiter/types.ts';
import type { Org } from '../orgs/org.ts';
import type { CallContext } from '../salesforce/call-context.ts';
import type { SalesforceClient } from '../salesforce/client.ts';
import type { DescribeDeps } from './describe-cache.ts';
import { lastPulled } from './last-pulled.ts';
import { planChunks } from './push-batches.ts';
import type { PushBody } from './push-input.ts';
import { crmFieldNames, failed, fromSaveResult, unknown, type PushResult } from './push-results.ts';
import { checkUpsertKey, sendChunks, upsertKeyOf, type ChunkOutcome, type ChunkSender } from './push-send.ts';
import { trackPush, type SyncTracking } from './push-tracking.ts';
import { translateRecord, type Translated } from './push-translate.ts';
import type { Relationship } from './relationships.ts';
import { toSalesforceProblem } from './salesforce-failure.ts';
import { SALESFORCE_ID } from './soql.ts';

export interface PushResponse {
  relationship: string;
  operation: PushBody['operation'];
  results: PushResult[];
  /** Salesforce calls this push spent. */
  calls: number;
}

export interface PushOutcome {
  response: PushResponse;
  /** Set when the limiter stopped the push midway: its decision, for Retry-After and RateLimit headers. */
  denied?: Decision;
  /** With `denied`: the chunks before the refused one, and what became of each (a deferred job resumes after them). */
  sentBefore?: { outcomes: ChunkOutcome[]; deniedAt: number };
}

/** Ids whose last pulled change matters: updates by id that say when the CRM changed the record. */
async function knownChanges(deps: DescribeDeps, org: Org, relationship: Relationship, body: PushBody): Promise<Map<string, number>> {
  const usesRecent = org.mappings[relationship.name].some((m) => m.conflict === 'recent' && m.salesforceField !== null);
  if (body.operation === 'create' || !usesRecent) return new Map();
  const ids = body.records.filter((r) => typeof r['modifiedAt'] === 'string' && typeof r['id'] === 'string' && SALESFORCE_ID.test(r['id'])).map((r) => r['id'] as string);
  return ids.length === 0 ? new Map() : lastPulled(deps.state, org.id, ids);
}

function rolledBack(results: (PushResult | undefined)[], ready: readonly Translated[]): void {
  for (const t of ready) results[t.index] = failed(t.index, 'ALL_OR_NONE_OPERATION_ROLLED_BACK', 'Not sent: another record of this allOrNone push is invalid.');
}

/** How a push is run: its limiter priority, and what sends its chunks (a deferred job resumes where it stopped). */
export interface PushRun {
  priority?: Priority;
  send?: ChunkSender;
}

/** Push `body.records` of `relationship` to the org's Salesforce. */
export async function pushRecords(deps: DescribeDeps & SyncTracking, org: Org, relationship: Relationship, body: PushBody, run: PushRun = {}): Promise<PushOutcome> {
  const mappings = org.mappings[relationship.name];
  const context: CallContext = { relationship: relationship.name, direction: 'push', priority: run.priority ?? 'sync' };
  const upsertKey = upsertKeyOf(mappings, body.externalIdField);
  const options = { relationship, mappings, operation: body.operation, lastPulled: await knownChanges(deps, org, relationship, body), ...(upsertKey ? { externalIdField: upsertKey } : {}) };
  const results: (PushResult | undefined)[] = Array.from({ length: body.records.length }, () => undefined);
  const ready: Translated[] = [];
  body.records.forEach((record, index) => {
    const t = translateRecord(record, index, options);
    if ('errors' in t) results[index] = { index, success: false, outcome: 'failed', errors: t.errors };
    else ready.push(t);
  });
  const plan = planChunks(ready, body.operation);
  const skipped = new Map(ready.filter((t) => t.skippedFields.length > 0).map((t) => [t.index, t.skippedFields]));
  const withSkipped = (r: PushResult): PushResult => (skipped.has(r.index) ? { ...r, skippedFields: skipped.get(r.index)! } : r);
  for (const t of plan.unchanged) results[t.index] = withSkipped({ index: t.index, success: true, outcome: 'unchanged', id: t.id!, created: false, errors: [], skipped: true });
  const response = (calls: number): PushResponse => ({ relationship: relationship.name, operation: body.operation, results: results.map((r, i) => r ?? failed(i, 'NOT_SENT', 'Not sent.')), calls });

  if (body.allOrNone) {
    // Atomic only within one Salesforce request, and only when every record is valid.
    if (plan.chunks.length > 1)
      throw new Problem('VALIDATION_FAILED', 'allOrNone is atomic within one Salesforce request: send at most 200 records of one object.', {
        errors: [{ location: 'body/allOrNone', message: 'needs at most 200 records of one object' }],
      });
    if (ready.length < body.records.length) {
      rolledBack(results, ready);
      return { response: response(0) };
    }
  }
  if (plan.chunks.length === 0) return { response: response(0) };

  let calls = 0;
  let client: SalesforceClient;
  try {
    if (upsertKey) calls += await checkUpsertKey(deps, org, [...new Set(plan.chunks.map((c) => c.object))], upsertKey, context);
    client = await deps.pool.get(org);
  } catch (error) {
    throw toSalesforceProblem(error);
  }
  const sent = await (run.send ?? sendChunks)(client, plan.chunks, { operation: body.operation, upsertKey, allOrNone: body.allOrNone ?? false, context });
  await trackPush(deps, { orgId: org.id, relationship, operation: body.operation, upsertKey, mappings, chunks: plan.chunks, outcomes: sent.outcomes, at: Date.now() });
  const crmName = crmFieldNames(mappings);
  plan.chunks.forEach((chunk, n) => {
    const outcome = sent.outcomes[n]!;
    chunk.items.forEach((item, k) => {
      for (const index of item.indexes) {
        results[index] = withSkipped(
          'saved' in outcome ? fromSaveResult(outcome.saved[k], index, outcome.sentAs ?? body.operation, crmName) : 'unknown' in outcome ? unknown(index, outcome.unknown) : failed(index, outcome.code, outcome.message),
        );
      }
    });
  });
  return { response: response(calls + sent.calls), ...(sent.denied ? { denied: sent.denied, sentBefore: { outcomes: sent.outcomes, deniedAt: sent.deniedAt ?? 0 } } : {}) };
}
