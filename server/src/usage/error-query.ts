/**
 * GET /errors: the query (every parameter validated; junk is a 400 before anything is read), the
 * filter over the kept log, and the view of an entry the API returns.
 */
import { z } from 'zod';
import { Problem } from '../errors.ts';
import { parseInput } from '../http/validate.ts';
import { parseIsoDateTime } from '../sync/soql.ts';
import { RELATIONSHIP_NAMES } from '../sync/relationships.ts';
import type { CsvValue } from './csv.ts';
import { callShare, ERROR_LOG_KEEP, type ErrorEntry } from './error-log.ts';

export const DEFAULT_ERROR_LIMIT = 100;

/** Where errors are recorded: the sync's relationships, raw REST passthrough, settings pages. */
const ERROR_RELATIONSHIPS = [...RELATIONSHIP_NAMES, 'passthrough', 'settings'] as const;

const errorQuerySchema = z
  .object({
    code: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'an error code such as REQUIRED_FIELD_MISSING')
      .optional(),
    relationship: z.enum(ERROR_RELATIONSHIPS).optional(),
    since: z.string().max(64).optional(),
    limit: z
      .string()
      .regex(/^[0-9]{1,4}$/, `an integer from 1 to ${ERROR_LOG_KEEP}`)
      .optional(),
    format: z.enum(['json', 'csv']).optional(),
  })
  .strict();

export interface ErrorQuery {
  code?: string;
  relationship?: string;
  /** Epoch ms; entries at or after it. */
  since?: number;
  /** Undefined: the default for the format (JSON: 100; CSV: every kept entry). */
  limit?: number;
  format?: 'json' | 'csv';
}

const invalid = (location: string, message: string): Problem => new Problem('VALIDATION_FAILED', `Invalid query: ${location} ${message}`, { errors: [{ location, message }] });

/** Validate the raw query string object. */
export function errorQuery(raw: unknown): ErrorQuery {
  const q = parseInput(errorQuerySchema, raw, 'query');
  const query: ErrorQuery = { ...(q.code ? { code: q.code } : {}), ...(q.relationship ? { relationship: q.relationship } : {}), ...(q.format ? { format: q.format } : {}) };
  if (q.since !== undefined) {
    const since = parseIsoDateTime(q.since);
    if (since === undefined) throw invalid('query/since', 'an ISO-8601 date-time with a zone, e.g. 2026-01-31T09:30:00Z');
    query.since = since;
  }
  if (q.limit !== undefined) {
    const limit = Number(q.limit);
    if (limit < 1 || limit > ERROR_LOG_KEEP) throw invalid('query/limit', `an integer from 1 to ${ERROR_LOG_KEEP}`);
    query.limit = limit;
  }
  return query;
}

/** Entries matching the query's filters, newest first (the log's order); `limit` is not applied. */
export function filterErrors(entries: readonly ErrorEntry[], query: ErrorQuery): ErrorEntry[] {
  return entries.filter(
    (e) => (query.code === undefined || e.errorCode === query.code) && (query.relationship === undefined || e.relationship === query.relationship) && (query.since === undefined || e.at >= query.since),
  );
}

/** Count per error code, most frequent first (ties by code, so the order is stable). */
export function countByCode(entries: readonly ErrorEntry[]): { code: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.errorCode, (counts.get(e.errorCode) ?? 0) + 1);
  return [...counts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** An entry as the API shows it: ISO time, its call share, and whether it was acknowledged. */
export interface ErrorView extends Omit<ErrorEntry, 'at' | 'calls'> {
  at: string;
  calls: number;
  acknowledged: boolean;
}

/** The view of one entry, given the acknowledgement mark. */
export function errorView(entry: ErrorEntry, acknowledgedBefore: number): ErrorView {
  return { ...entry, at: new Date(entry.at).toISOString(), calls: Math.round(callShare(entry) * 10_000) / 10_000, acknowledged: entry.at <= acknowledgedBefore };
}

/** CSV columns, in order. */
export const CSV_HEADER = ['at', 'relationship', 'direction', 'object', 'recordId', 'errorCode', 'message', 'fields', 'status', 'method', 'path', 'calls', 'perRecord', 'acknowledged'] as const;

/** One CSV row of a view. */
export function csvRow(v: ErrorView): CsvValue[] {
  return [v.at, v.relationship, v.direction, v.object, v.recordId, v.errorCode, v.message, (v.fields ?? []).join(';'), v.status, v.method, v.path, v.calls, v.perRecord === true, v.acknowledged];
}
