/**
 * The Salesforce error log of an org (the seed's "Salesforce Error Log" tab), newest first, capped:
 * every failed call (org-gate), and every record Salesforce refused inside a call that succeeded as
 * a whole (an sObject Collections result with `success: false`). Our own validation failures never
 * reach Salesforce and are not logged here. An admin acknowledges errors up to a moment; the log
 * keeps them, the checklist stops counting them.
 */
import { keys } from '../keys.ts';
import type { SharedState } from '../state/shared-state.ts';

export interface ErrorEntry {
  /** Epoch ms. */
  at: number;
  relationship: string;
  direction: string;
  method: string;
  path: string;
  /** HTTP status of the call (200 for a per-record failure inside a successful collection call). */
  status: number;
  /** Salesforce's errorCode (failed call) or statusCode (failed record); a network code otherwise. */
  errorCode: string;
  message?: string;
  /** Salesforce fields the error names. */
  fields?: string[];
  /** The Salesforce object of a failed record. */
  object?: string;
  /** The failed record's Salesforce Id, when it has one (updates, upserts by Id). */
  recordId?: string;
  /** Set for a record refused inside a call that Salesforce answered with 200. */
  perRecord?: true;
  /** The share of a call this error spent: 1 for a failed call, 1/n for one record of n in a request. */
  calls?: number;
}

/** Entries kept per org: a bounded list whatever the error rate; older entries fall off. */
export const ERROR_LOG_KEEP = 1000;
const KEEP_MS = 7 * 24 * 3_600_000;

export interface ErrorLog {
  append(orgId: string, entry: ErrorEntry): Promise<void>;
  /** Append several entries at once, the last one newest; never throws (the sync that found them goes on). */
  appendMany(orgId: string, entries: readonly ErrorEntry[]): Promise<void>;
  list(orgId: string, max?: number): Promise<ErrorEntry[]>;
  /** Acknowledge every error at or before `before` (epoch ms); never moves back. Returns the moment in force. */
  acknowledge(orgId: string, before: number): Promise<number>;
  /** Errors at or before this moment are acknowledged; 0 when none ever were. */
  acknowledgedBefore(orgId: string): Promise<number>;
}

/** The share of a call an entry spent (older entries have no `calls`: they were whole calls). */
export function callShare(entry: ErrorEntry): number {
  return entry.calls ?? 1;
}

/** Create the error log over shared state; `onError` hears about appendMany's failures. */
export function createErrorLog(state: SharedState, onError: (error: unknown) => void): ErrorLog {
  const key = keys.errorLog;
  return {
    append: (orgId, entry) => state.pushCapped(key(orgId), JSON.stringify(entry), ERROR_LOG_KEEP, KEEP_MS),
    async appendMany(orgId, entries) {
      // Only the newest ERROR_LOG_KEEP could survive the cap anyway.
      const kept = entries.slice(-ERROR_LOG_KEEP);
      // Issued together, in order: one connection keeps the order, and auto-pipelining sends them at once.
      await Promise.all(kept.map((entry) => state.pushCapped(key(orgId), JSON.stringify(entry), ERROR_LOG_KEEP, KEEP_MS))).catch(onError);
    },
    async list(orgId, max = ERROR_LOG_KEEP) {
      return (await state.readList(key(orgId), max)).map((raw) => JSON.parse(raw) as ErrorEntry);
    },
    async acknowledge(orgId, before) {
      // Read-max-write: two admins acknowledging at once can only leave the later moment or the
      // earlier one, both of which they asked for; nothing is lost from the log either way.
      const current = (await state.getJson<number>(keys.errorAck(orgId))) ?? 0;
      const next = Math.max(current, before);
      // No expiry: one number per org, removed with the org; an expiring mark would revive old errors.
      if (next !== current) await state.setJson(keys.errorAck(orgId), next);
      return next;
    },
    async acknowledgedBefore(orgId) {
      return (await state.getJson<number>(keys.errorAck(orgId))) ?? 0;
    },
  };
}

/** One record of a collection request and what Salesforce answered for it. */
export interface SavedRecord {
  /** The Id we sent (updates, upserts by Id). */
  sentId?: string;
  /** The element of the save result array. */
  result: unknown;
}

export interface CollectionCall {
  at: number;
  relationship: string;
  object: string;
  method: string;
  path: string;
  records: readonly SavedRecord[];
}

/** Salesforce answers this for the valid records of an allOrNone request whose other records failed. */
const ROLLED_BACK = 'ALL_OR_NONE_OPERATION_ROLLED_BACK';

/**
 * The error log entries of one collection call: one per refused record. Records rolled back only
 * because another record failed are left out: fixing the failing record fixes them, and counting
 * them would make one bad record look like two hundred.
 */
export function recordFailureEntries(call: CollectionCall): ErrorEntry[] {
  const share = call.records.length > 0 ? 1 / call.records.length : 1;
  const entries: ErrorEntry[] = [];
  for (const { sentId, result } of call.records) {
    const r = (result ?? {}) as { success?: unknown; id?: unknown; errors?: unknown };
    if (typeof result !== 'object' || result === null || r.success === true || !Array.isArray(r.errors)) continue;
    const first = (r.errors[0] ?? {}) as { statusCode?: unknown; errorCode?: unknown; message?: unknown; fields?: unknown };
    const code = typeof first.statusCode === 'string' ? first.statusCode : typeof first.errorCode === 'string' ? first.errorCode : 'UNKNOWN_EXCEPTION';
    if (code === ROLLED_BACK) continue;
    const recordId = typeof r.id === 'string' && r.id ? r.id : sentId;
    entries.push({
      at: call.at,
      relationship: call.relationship,
      direction: 'push',
      method: call.method,
      path: call.path,
      status: 200,
      errorCode: code,
      object: call.object,
      perRecord: true,
      calls: share,
      ...(typeof first.message === 'string' ? { message: first.message } : {}),
      fields: Array.isArray(first.fields) ? first.fields.map(String) : [],
      ...(recordId ? { recordId } : {}),
    });
  }
  return entries;
}
