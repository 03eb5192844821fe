/**
 * The Salesforce side of a push: the upsert key check, then one sObject Collections request per
 * chunk, in order, each admitted by the limiter. A refusal or a failed request stops the rest.
 */
import { Problem } from '../errors.ts';
import { deniedProblem } from '../http/denial.ts';
import type { Decision } from '../limiter/types.ts';
import type { Org } from '../orgs/org.ts';
import type { CallContext } from '../salesforce/call-context.ts';
import type { SalesforceClient } from '../salesforce/client.ts';
import { saveRequest } from '../salesforce/collections.ts';
import { CallDeniedError } from '../salesforce/call-denied.ts';
import { failureCode, isCountedFailure } from '../salesforce/counted-answers.ts';
import type { FieldMapping } from './default-mappings.ts';
import { describeObject, type DescribeDeps } from './describe-cache.ts';
import type { Chunk } from './push-batches.ts';
import type { PushOperation } from './push-input.ts';
import { salesforceErrorCode, toSalesforceProblem } from './salesforce-failure.ts';
import { upstreamFailureText } from '../salesforce/failure-text.ts';

const invalidKey = (message: string): Problem => new Problem('VALIDATION_FAILED', `Invalid body: body/externalIdField ${message}`, { errors: [{ location: 'body/externalIdField', message }] });

/** The Salesforce field an upsert matches on, spelled as the mapping spells it (the records carry it so). */
export function upsertKeyOf(mappings: readonly FieldMapping[], requested: string | undefined): string | undefined {
  if (requested === undefined) return undefined;
  if (requested.toLowerCase() === 'id') return 'Id';
  const mapped = mappings.find((m) => m.salesforceField?.toLowerCase() === requested.toLowerCase());
  if (!mapped?.salesforceField) throw invalidKey(`${requested} is not the Salesforce field of any mapped CRM field`);
  return mapped.salesforceField;
}

/** Check the upsert key is Id or an external id / idLookup field of each object; returns the calls spent. */
export async function checkUpsertKey(deps: DescribeDeps, org: Org, objects: readonly string[], key: string, context: CallContext): Promise<number> {
  if (key === 'Id') return 0;
  let calls = 0;
  for (const object of objects) {
    const { describe, calls: spent } = await describeObject(deps, org, object, context);
    calls += spent;
    const field = describe.fields.find((f) => f.name.toLowerCase() === key.toLowerCase());
    if (!field) throw invalidKey(`${object} has no field ${key}`);
    if (!field.externalId && !field.idLookup) throw invalidKey(`${object}.${field.name} is not an External ID field; upsert matches on Id or an External ID field`);
  }
  return calls;
}

/** Send one chunk as one sObject Collections request (≤ 200 records, one call). */
export function sendChunk(client: SalesforceClient, chunk: Chunk, settings: SendSettings): Promise<unknown[]> {
  const records = chunk.items.map((item) => item.record);
  const request = saveRequest(settings.operation, chunk.object, records, { allOrNone: settings.allOrNone, ...(settings.upsertKey ? { upsertKey: settings.upsertKey } : {}) });
  return client.json<unknown[]>(settings.context, request);
}

/**
 * What became of one chunk: Salesforce's save results, one error for all its records, or no answer
 * to a request that was sent (its records may be saved: their outcome is unknown). `sentAs`: the
 * operation it was sent as when not the push's own (a create of unknown fate re-sent as an upsert).
 */
export type ChunkOutcome = { saved: unknown[]; sentAs?: PushOperation } | { code: string; message: string } | { unknown: string };

export interface SendSettings {
  operation: PushOperation;
  upsertKey: string | undefined;
  allOrNone: boolean;
  context: CallContext;
}

function deniedMessage(decision: Decision): string {
  const at = decision.retryAfterMs === null ? 'not at this size' : `after ${new Date(decision.now + decision.retryAfterMs).toISOString()}`;
  return `Not sent: the limiter refused the call (${decision.reason ?? 'BUDGET_EXHAUSTED'}); retry ${at}.`;
}

/** What sending a push's chunks gave: one outcome per chunk, the calls spent, the refusal that stopped it. */
export interface SentChunks {
  outcomes: ChunkOutcome[];
  calls: number;
  denied?: Decision;
  /** With `denied`: the first chunk the limiter refused (every chunk before it has its outcome). */
  deniedAt?: number;
}

/** Sends a push's chunks: `sendChunks` for a push answered now, a resumable one for a deferred job. */
export type ChunkSender = (client: SalesforceClient, chunks: readonly Chunk[], settings: SendSettings) => Promise<SentChunks>;

/** Send the chunks in order; when nothing could be sent at all, throw the 429 or 502 instead. */
export async function sendChunks(client: SalesforceClient, chunks: readonly Chunk[], settings: SendSettings): Promise<SentChunks> {
  const outcomes: ChunkOutcome[] = [];
  let calls = 0;
  let denied: Decision | undefined;
  let deniedAt = 0;
  let stopped: string | undefined;
  for (const [n, chunk] of chunks.entries()) {
    if (denied) outcomes.push({ code: denied.reason ?? 'BUDGET_EXHAUSTED', message: deniedMessage(denied) });
    else if (stopped) outcomes.push({ code: 'NOT_SENT', message: `Not sent: an earlier request of this push failed (${stopped}).` });
    else {
      try {
        outcomes.push({ saved: await sendChunk(client, chunk, settings) });
        calls++;
      } catch (error) {
        if (error instanceof CallDeniedError) {
          // Nothing was sent yet: refuse the whole push, so the client retries it as one.
          if (n === 0) throw deniedProblem(error.decision);
          denied = error.decision;
          deniedAt = n;
          outcomes.push({ code: denied.reason ?? 'BUDGET_EXHAUSTED', message: deniedMessage(denied) });
          continue;
        }
        if (error instanceof Problem) {
          // Ours (the limiter store did not answer): nothing was sent.
          if (n === 0) throw error;
          stopped = error.code;
          outcomes.push({ code: error.code, message: `Not sent: ${error.message}` });
          continue;
        }
        const code = salesforceErrorCode(error);
        if (code) {
          // A request Salesforce refused whole would fail the same way again. Its refusals before counting spent nothing.
          if (code !== 'REQUEST_LIMIT_EXCEEDED' && code !== 'INVALID_SESSION_ID') calls++;
          stopped = code;
          outcomes.push({ code, message: error instanceof Error ? error.message : String(error) });
          continue;
        }
        // No answer. Never sent (connection refused): nothing is saved, the push fails whole if it was the first.
        if (!isCountedFailure(failureCode(error))) {
          if (n === 0) throw toSalesforceProblem(error);
          stopped = 'SALESFORCE_UNAVAILABLE';
          outcomes.push({ code: stopped, message: `Not sent: Salesforce could not be reached (${failureCode(error) ?? 'network error'}).` });
          continue;
        }
        // Sent, and no answer (timeout, reset): Salesforce may have saved it, and counted it.
        calls++;
        stopped = 'OUTCOME_UNKNOWN';
        outcomes.push({ unknown: `${upstreamFailureText(error)} Salesforce did not answer; the records may or may not be saved.` });
      }
    }
  }
  return { outcomes, calls, ...(denied ? { denied, deniedAt } : {}) };
}
