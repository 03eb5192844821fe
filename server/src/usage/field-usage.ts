/**
 * Field usage: for each relationship and mapped CRM field, how many records a push sent or a pull
 * read carried a value, and how many changed it since we last saw that record. The checklist reads
 * these to find fields that are mapped but unused, and Phone values that bounce between the CRM and
 * Salesforce under a two-way conflict rule.
 *
 * Counters live per org and clock hour (a hash, kept 25 h, like the call recorder). To see a change
 * we keep, per relationship and record, a small JSON of field → value hash (10 characters of a
 * SHA-1, never the value itself) for 24 h. Cost: about 300 bytes per record synced in the last day
 * with ten mapped fields (~3 MB for 10,000 records a day); fine for demo and mid-size orgs, and the
 * first thing to sample or turn off for orgs that sync millions of records a day. Concurrent syncs
 * of the same record may race on its JSON: a change is then missed or counted twice, never invented.
 */
import * as crypto from 'node:crypto';
import { keys } from '../keys.ts';
import type { SharedState } from '../state/shared-state.ts';
import type { HourCounters } from './call-recorder.ts';

const HOUR_MS = 3_600_000;
const KEEP_MS = 25 * HOUR_MS;
/** How long a record's value hashes are kept, and the window for a Phone back-and-forth. */
export const VALUES_TTL_MS = 24 * HOUR_MS;

export type SyncWay = 'push' | 'pull';

/** One record as a push sent it or a pull read it: CRM field → value, only fields that took part. */
export interface TrackedRecord {
  /** The Salesforce Id; without one, values are counted but changes cannot be seen. */
  id?: string;
  /**
   * Salesforce created this record in the call being tracked, so no earlier values of it can be
   * kept: its hashes are not read (a round trip per push of new records saved).
   */
  created?: boolean;
  values: Record<string, unknown>;
}

export interface TrackedBatch {
  relationship: string;
  direction: SyncWay;
  at: number;
  /** The CRM field mapped to Salesforce `Phone` (leads and contacts), to count back-and-forth changes. */
  phoneField?: string;
  records: readonly TrackedRecord[];
}

/** What we keep per record: value hashes, and the direction and time of the last Phone change. */
interface Seen {
  h: Record<string, string>;
  p?: { d: SyncWay; at: number };
}

export interface FieldUsage {
  /** Count one batch; never throws (a failure is reported, the sync goes on). */
  track(orgId: string, batch: TrackedBatch): Promise<void>;
  /** Counters of the last `hours` clock hours, oldest first. */
  lastHours(orgId: string, now: number, hours?: number): Promise<HourCounters[]>;
}

/** Null, undefined and blank text carry nothing; 0 and false are values. */
export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

// One-shot crypto.hash (Node >= 20.12) computes the same digest without a Hash object per value.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;
const sha1 = (text: string): string => (oneShot ? oneShot('sha1', text, 'base64url') : crypto.createHash('sha1').update(text).digest('base64url')).slice(0, 10);
/** Most fields a create writes are empty: their hash is computed once. */
const EMPTY_HASH = sha1('null');

/** A short hash of a value; every empty value hashes alike (Salesforce stores '' as null). */
export function valueHash(value: unknown): string {
  return isEmptyValue(value) ? EMPTY_HASH : sha1(JSON.stringify(value));
}

/** The CRM field mapped to Salesforce `Phone` in leads or contacts, if assigned. */
export function phoneFieldOf(relationship: string, mappings: readonly { crmField: string; salesforceField: string | null }[]): string | undefined {
  if (relationship !== 'leads' && relationship !== 'contacts') return undefined;
  return mappings.find((m) => m.salesforceField?.toLowerCase() === 'phone')?.crmField;
}

/** Counter names; relationship and CRM field names never contain `|`. */
export const counterName = {
  seen: (rel: string, field: string) => `seen|${rel}|${field}`,
  filled: (rel: string, field: string) => `filled|${rel}|${field}`,
  /** Records that changed somewhere and whose previous value of this field we knew. */
  compared: (rel: string, field: string) => `compared|${rel}|${field}`,
  changed: (rel: string, field: string) => `changed|${rel}|${field}`,
  /** Records whose only changed field was this one: an update that field alone caused. */
  solo: (rel: string, field: string) => `solo|${rel}|${field}`,
  bounce: (rel: string) => `bounce|${rel}`,
};

/**
 * Fold one record into the counters and return what to keep for it. `compared` and `changed` count
 * only records that changed somewhere: a record read again with nothing new says nothing about any
 * field, while "in 20 changed records this field never changed" does.
 */
function countRecord(batch: TrackedBatch, record: TrackedRecord, before: Seen | undefined, add: (name: string) => void): Seen {
  const rel = batch.relationship;
  const next: Seen = { h: { ...(before?.h ?? {}) }, ...(before?.p ? { p: before.p } : {}) };
  const known: string[] = [];
  const changed: string[] = [];
  for (const [field, value] of Object.entries(record.values)) {
    add(counterName.seen(rel, field));
    if (!isEmptyValue(value)) add(counterName.filled(rel, field));
    const hash = valueHash(value);
    const previous = before?.h[field];
    if (previous !== undefined) known.push(field);
    if (previous !== undefined && previous !== hash) changed.push(field);
    next.h[field] = hash;
  }
  if (changed.length === 0) return next;
  for (const field of known) add(counterName.compared(rel, field));
  for (const field of changed) add(counterName.changed(rel, field));
  // Only a push spends a call per changed record; a pull reads every change in one query anyway.
  if (changed.length === 1 && batch.direction === 'push') add(counterName.solo(rel, changed[0]!));
  const phone = batch.phoneField;
  if (phone !== undefined && changed.includes(phone)) {
    // The other side changed it within a day, and now this side changes it again: an update that
    // "Always use CRM value" would not have caused.
    if (next.p && next.p.d !== batch.direction && batch.at - next.p.at <= VALUES_TTL_MS) add(counterName.bounce(rel));
    next.p = { d: batch.direction, at: batch.at };
  }
  return next;
}

/** Create the tracker over shared state; `onError` hears about failures it swallows. */
export function createFieldUsage(state: SharedState, onError: (error: unknown) => void): FieldUsage {
  const hourOf = (ms: number): number => Math.floor(ms / HOUR_MS);
  async function track(orgId: string, batch: TrackedBatch): Promise<void> {
    if (batch.records.length === 0) return;
    // Records created by this very call have nothing stored yet: only the others are read.
    const ids = [...new Set(batch.records.flatMap((r) => (r.id && !r.created ? [r.id.slice(0, 15)] : [])))];
    const stored = await Promise.all(ids.map((id) => state.getJson<Seen>(keys.fieldValues(orgId, batch.relationship, id))));
    const seen = new Map<string, Seen | undefined>(ids.map((id, i) => [id, stored[i]]));
    const counters: Record<string, number> = {};
    const add = (name: string): void => {
      counters[name] = (counters[name] ?? 0) + 1;
    };
    const touched = new Set<string>();
    for (const record of batch.records) {
      const id = record.id?.slice(0, 15);
      const next = countRecord(batch, record, id === undefined ? undefined : seen.get(id), add);
      if (id !== undefined) {
        seen.set(id, next);
        touched.add(id);
      }
    }
    await Promise.all([
      state.incrementFields(keys.fieldUsageHour(orgId, hourOf(batch.at)), counters, KEEP_MS),
      ...[...touched].map((id) => state.setJson(keys.fieldValues(orgId, batch.relationship, id), seen.get(id), VALUES_TTL_MS)),
    ]);
  }
  return {
    async track(orgId, batch) {
      try {
        await track(orgId, batch);
      } catch (error) {
        onError(error);
      }
    },
    async lastHours(orgId, now, hours = 24) {
      const current = hourOf(now);
      const wanted = Array.from({ length: hours }, (_, i) => current - hours + 1 + i);
      return Promise.all(wanted.map(async (hour) => ({ hour, counters: await state.readCounters(keys.fieldUsageHour(orgId, hour)) })));
    },
  };
}
