/**
 * What became of each chunk of a deferred push, written as it happens, so a job that dies mid-run
 * (its instance killed) resumes after the last chunk Salesforce confirmed. A chunk is marked `sending`
 * before its request leaves and given its outcome when the answer comes: a mark without an outcome is a
 * request whose fate nobody saw.
 */
import { keys } from '../keys.ts';
import type { SharedState } from '../state/shared-state.ts';
import type { ChunkOutcome } from '../sync/push-send.ts';

/** A chunk's entry: on its way (outcome unknown if the run died), or done, with the calls it cost. */
export type LedgerEntry = { sending: true } | { outcome: ChunkOutcome; calls: number };

/** Kept a little longer than the jobs themselves (24 h after they end). */
const LEDGER_TTL_MS = 25 * 60 * 60 * 1000;

export interface ChunkLedger {
  /** Entries of chunks 0 … count-1 that have one. */
  read(count: number): Promise<Map<number, LedgerEntry>>;
  write(n: number, entry: LedgerEntry): Promise<void>;
  /** The chunk was not sent after all (refused by the limiter, our store failed): no entry. */
  clear(n: number): Promise<void>;
}

/** The ledger of job `jobId` of `orgId`, in the shared state (Redis: one key per chunk). */
export function createChunkLedger(state: SharedState, orgId: string, jobId: string): ChunkLedger {
  const key = (n: number): string => keys.jobChunk(orgId, jobId, n);
  return {
    async read(count) {
      const entries = await Promise.all(Array.from({ length: count }, (_, n) => state.getJson<LedgerEntry>(key(n))));
      return new Map(entries.flatMap((entry, n) => (entry ? [[n, entry] as const] : [])));
    },
    write: (n, entry) => state.setJson(key(n), entry, LEDGER_TTL_MS),
    clear: (n) => state.del(key(n)),
  };
}

/** The calls a chunk's outcome cost, when a push answered now is handed to a job midway. */
export function callsOf(outcome: ChunkOutcome): number {
  if ('saved' in outcome || 'unknown' in outcome) return 1;
  return outcome.code === 'REQUEST_LIMIT_EXCEEDED' || outcome.code === 'INVALID_SESSION_ID' || outcome.message.startsWith('Not sent') ? 0 : 1;
}
