/** The Salesforce error log of an org: every failed call, newest first, capped. */
import { keys } from '../keys.ts';
import type { SharedState } from '../state/shared-state.ts';

export interface ErrorEntry {
  at: number;
  relationship: string;
  direction: string;
  method: string;
  path: string;
  status: number;
  errorCode: string;
  /** Per-record failures inside a successful collection call carry the record's message. */
  message?: string;
}

const KEEP = 1000;
const KEEP_MS = 7 * 24 * 3_600_000;

export interface ErrorLog {
  append(orgId: string, entry: ErrorEntry): Promise<void>;
  list(orgId: string, max?: number): Promise<ErrorEntry[]>;
}

/** Create the error log over shared state. */
export function createErrorLog(state: SharedState): ErrorLog {
  return {
    append: (orgId, entry) => state.pushCapped(keys.errorLog(orgId), JSON.stringify(entry), KEEP, KEEP_MS),
    async list(orgId, max = KEEP) {
      return (await state.readList(keys.errorLog(orgId), max)).map((raw) => JSON.parse(raw) as ErrorEntry);
    },
  };
}
