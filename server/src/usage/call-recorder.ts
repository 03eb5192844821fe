/**
 * Records where calls go: per org and clock hour, calls by relationship and direction, failures by
 * error code, and denials. Kept 25 h; the limiter's window is the exact total, these are the breakdown.
 */
import { keys } from '../keys.ts';
import type { SharedState } from '../state/shared-state.ts';

const HOUR_MS = 3_600_000;
const KEEP_MS = 25 * HOUR_MS;

export interface CallRecord {
  relationship: string;
  direction: string;
  status: number;
  errorCode?: string;
  /** False when Salesforce did not count the attempt: its failure is kept, but not as a call (calls sum to `used`). */
  counted?: boolean;
  /** Requests the call cost (a composite batch costs one per subrequest); 1 when absent. */
  calls?: number;
  at: number;
}

export interface HourCounters {
  hour: number;
  counters: Record<string, number>;
}

export interface CallRecorder {
  recordCall(orgId: string, call: CallRecord): Promise<void>;
  recordDenied(orgId: string, relationship: string, at: number): Promise<void>;
  /** Counters of the last `hours` clock hours, oldest first. */
  lastHours(orgId: string, now: number, hours?: number): Promise<HourCounters[]>;
}

/** Create a recorder over shared state. */
export function createCallRecorder(state: SharedState): CallRecorder {
  const hourOf = (ms: number): number => Math.floor(ms / HOUR_MS);
  return {
    async recordCall(orgId, call) {
      const fields: Record<string, number> = call.counted === false ? {} : { [`calls|${call.relationship}|${call.direction}`]: call.calls ?? 1 };
      if (call.errorCode) {
        fields[`failed|${call.relationship}|${call.errorCode}`] = 1;
      }
      await state.incrementFields(keys.usageHour(orgId, hourOf(call.at)), fields, KEEP_MS);
    },
    async recordDenied(orgId, relationship, at) {
      await state.incrementFields(keys.usageHour(orgId, hourOf(at)), { [`denied|${relationship}`]: 1 }, KEEP_MS);
    },
    async lastHours(orgId, now, hours = 24) {
      const current = hourOf(now);
      const wanted = Array.from({ length: hours }, (_, i) => current - hours + 1 + i);
      return Promise.all(wanted.map(async (hour) => ({ hour, counters: await state.readCounters(keys.usageHour(orgId, hour)) })));
    },
  };
}

/** Sum `calls|rel|dir` counters into a per relationship and direction list. */
export function callsByRelationship(hours: HourCounters[]): { relationship: string; direction: string; calls: number }[] {
  const totals = new Map<string, number>();
  for (const { counters } of hours) {
    for (const [field, n] of Object.entries(counters)) if (field.startsWith('calls|')) totals.set(field, (totals.get(field) ?? 0) + n);
  }
  return [...totals].map(([field, calls]) => {
    const [, relationship = '', direction = ''] = field.split('|');
    return { relationship, direction, calls };
  });
}

/** Sum the counters whose name starts with `prefix|`. */
export function sumCounters(hours: HourCounters[], prefix: string): number {
  let sum = 0;
  for (const { counters } of hours) for (const [field, n] of Object.entries(counters)) if (field.startsWith(`${prefix}|`)) sum += n;
  return sum;
}
