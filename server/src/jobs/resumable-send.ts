/**
 * The chunk sender of a deferred job: chunks with an outcome in the ledger are not sent again; each
 * chunk is marked before it leaves and its outcome written when the answer comes. A chunk a dead run
 * left marked (its fate unknown) is sent again only where that cannot create a record twice: an update
 * or upsert as it was, a create as an upsert on an External ID field the mapping fills (when every
 * record of the chunk carries it); otherwise its records are reported `outcome: "unknown"`. A limiter
 * refusal stops the run with PushDeferred: the job waits for the window and resumes here.
 */
import { Problem } from '../errors.ts';
import { CallDeniedError } from '../salesforce/call-denied.ts';
import { failureCode, isCountedFailure } from '../salesforce/counted-answers.ts';
import { upstreamFailureText } from '../salesforce/failure-text.ts';
import type { Chunk } from '../sync/push-batches.ts';
import { salesforceErrorCode } from '../sync/salesforce-failure.ts';
import { sendChunk, type ChunkOutcome, type ChunkSender, type SendSettings } from '../sync/push-send.ts';
import type { ChunkLedger } from './chunk-ledger.ts';
import { deferralOf, ORG_LIMIT_WAIT_MS, PushDeferred } from './push-deferred.ts';

export interface ResumeOptions {
  /** The limiter's clock. */
  now?: () => number;
  /** An External ID field of `object` the mapping fills (spelled as the mapping spells it), if any. */
  externalIdOf?: (object: string) => Promise<string | undefined>;
}

const UNSEEN = 'The instance sending these records stopped before Salesforce answered; they may or may not be saved, and a create is not sent twice.';

/** How to send again a chunk whose fate is unknown, or undefined when that could create records twice. */
async function resendSettings(chunk: Chunk, settings: SendSettings, options: ResumeOptions): Promise<SendSettings | undefined> {
  if (settings.operation !== 'create') return settings;
  const key = await options.externalIdOf?.(chunk.object);
  const carried = key !== undefined && chunk.items.every(({ record }) => record[key] !== undefined && record[key] !== null && record[key] !== '');
  return carried ? { ...settings, operation: 'upsert', upsertKey: key } : undefined;
}

/** The sender for one job run over its ledger. */
export function resumableSender(ledger: ChunkLedger, options: ResumeOptions = {}): ChunkSender {
  const now = options.now ?? Date.now;
  return async (client, chunks, settings) => {
    const known = await ledger.read(chunks.length);
    const outcomes: ChunkOutcome[] = [];
    let calls = 0;
    let stopped: string | undefined;
    for (const [n, chunk] of chunks.entries()) {
      const entry = known.get(n);
      if (entry && 'outcome' in entry) {
        outcomes.push(entry.outcome);
        calls += entry.calls;
        if (!('saved' in entry.outcome)) stopped ??= 'code' in entry.outcome ? entry.outcome.code : 'OUTCOME_UNKNOWN';
        continue;
      }
      if (stopped) {
        outcomes.push({ code: 'NOT_SENT', message: `Not sent: an earlier request of this push failed (${stopped}).` });
        continue;
      }
      // A mark left by a dead run: this chunk may be saved already.
      const unseen = entry !== undefined;
      try {
        const sendAs = unseen ? await resendSettings(chunk, settings, options) : settings;
        if (!sendAs) {
          const outcome: ChunkOutcome = { unknown: UNSEEN };
          await ledger.write(n, { outcome, calls: 1 });
          outcomes.push(outcome);
          calls++;
          stopped = 'OUTCOME_UNKNOWN';
          continue;
        }
        if (!unseen) await ledger.write(n, { sending: true });
        const saved = await sendChunk(client, chunk, sendAs);
        const outcome: ChunkOutcome = sendAs === settings ? { saved } : { saved, sentAs: sendAs.operation };
        await ledger.write(n, { outcome, calls: 1 });
        outcomes.push(outcome);
        calls++;
      } catch (error) {
        const settled = await settleFailure(ledger, n, error, now, unseen);
        outcomes.push(settled.outcome);
        calls += settled.calls;
        stopped = settled.stopped;
      }
    }
    return { outcomes, calls };
  };
}

/**
 * A chunk's request failed: defer, retry the job later (nothing sent), or note what happened. When
 * nothing left, the mark goes, unless a dead run left it (`unseen`): that chunk's fate is still unknown.
 */
async function settleFailure(ledger: ChunkLedger, n: number, error: unknown, now: () => number, unseen: boolean): Promise<{ outcome: ChunkOutcome; calls: number; stopped: string }> {
  const notSent = (): Promise<void> => (unseen ? Promise.resolve() : ledger.clear(n));
  if (error instanceof CallDeniedError) {
    await notSent();
    const deferred = deferralOf(error.decision);
    if (deferred) throw deferred;
    throw new Problem('VALIDATION_FAILED', 'This request costs more calls than the budget allows.');
  }
  // Ours (the limiter store did not answer): nothing was sent; the job is retried.
  if (error instanceof Problem) {
    await notSent();
    throw error;
  }
  const code = salesforceErrorCode(error);
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    // Salesforce refused before counting: wait one probe interval, then this chunk goes again.
    await notSent();
    throw new PushDeferred(code, now() + ORG_LIMIT_WAIT_MS, ORG_LIMIT_WAIT_MS);
  }
  if (code) {
    const calls = code === 'INVALID_SESSION_ID' ? 0 : 1;
    const outcome: ChunkOutcome = { code, message: error instanceof Error ? error.message : String(error) };
    await ledger.write(n, { outcome, calls });
    return { outcome, calls, stopped: code };
  }
  if (!isCountedFailure(failureCode(error))) {
    // Never sent (connection refused): the job is retried later.
    await notSent();
    throw error;
  }
  const outcome: ChunkOutcome = { unknown: `${upstreamFailureText(error)} Salesforce did not answer; the records may or may not be saved.` };
  await ledger.write(n, { outcome, calls: 1 });
  return { outcome, calls: 1, stopped: 'OUTCOME_UNKNOWN' };
}
