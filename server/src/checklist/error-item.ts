/**
 * "Resolve errors found in the Salesforce Error Log tab." A record Salesforce refuses is sent again
 * on every sync until its cause is fixed, so what failures spent in the last 24 hours is what they
 * will spend in the next 24: that is the estimate. The item clears once no error of the last 24
 * hours is left unacknowledged: fix the causes and acknowledge the errors (POST /errors/acknowledge),
 * or let a day pass without new ones. Fixing alone does not clear it: the log records what happened.
 */
import { ERROR_LOG_KEEP, callShare, type ErrorEntry } from '../usage/error-log.ts';
import { countByCode } from '../usage/error-query.ts';
import { DAY_MS, type ChecklistItem } from './types.ts';

export interface ErrorItemInputs {
  /** The whole kept log, newest first. */
  entries: readonly ErrorEntry[];
  /** Errors at or before this moment are acknowledged (0: none). */
  acknowledgedBefore: number;
  now: number;
}

/** Calls spent on these errors: each failed call whole, the records' shares summed and rounded up. */
export function callsSpentOn(entries: readonly ErrorEntry[]): { failedCalls: number; failedRecords: number; calls: number } {
  let failedCalls = 0;
  let failedRecords = 0;
  let shares = 0;
  for (const e of entries) {
    if (e.perRecord) {
      failedRecords++;
      shares += callShare(e);
    } else failedCalls++;
  }
  // Rounded to micro-calls first, so three thirds make one call, not two.
  return { failedCalls, failedRecords, calls: failedCalls + Math.ceil(Math.round(shares * 1e6) / 1e6) };
}

/** The error-log item. */
export function errorItem({ entries, acknowledgedBefore, now }: ErrorItemInputs): ChecklistItem {
  const since = now - DAY_MS;
  const open = entries.filter((e) => e.at > since && e.at > acknowledgedBefore);
  const spent = callsSpentOn(open);
  const oldest = entries.at(-1);
  const attention = open.length > 0;
  return {
    id: 'error-log',
    title: 'Resolve errors in the Salesforce error log',
    status: attention ? 'attention' : 'ok',
    figure: { label: 'Unresolved errors in the last 24 hours', value: open.length, unit: 'errors' },
    estimatedDailySavings: attention ? spent.calls : 0,
    action: attention
      ? 'Open the Salesforce error log, fix the cause of each error code listed (for example, fill in required fields or correct invalid values in the CRM), then acknowledge the errors. A record that fails is sent again on every sync.'
      : 'No unresolved Salesforce errors in the last 24 hours.',
    details: {
      topCodes: countByCode(open).slice(0, 5),
      failedCalls: spent.failedCalls,
      failedRecords: spent.failedRecords,
      callsSpent: spent.calls,
      acknowledgedBefore: acknowledgedBefore > 0 ? new Date(acknowledgedBefore).toISOString() : null,
      // The log keeps the newest entries only; when it is full and reaches into the day, older ones may be missing.
      truncated: entries.length >= ERROR_LOG_KEEP && oldest !== undefined && oldest.at > since,
      model:
        'Calls spent on failures in the last 24 hours: each failed call counts 1; each record refused inside a successful call counts its share of that call (1/records sent with it), summed and rounded up. Failing records are retried on every sync, so unfixed errors cost this again every day.',
      clearsWhen: 'No error of the last 24 hours is left unacknowledged.',
    },
  };
}
