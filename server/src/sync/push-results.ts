/** Per-record push results, one per input record in input order, whatever happened to each. */
import type { FieldMapping } from './default-mappings.ts';
import type { PushOperation } from './push-input.ts';
import type { RecordError } from './push-translate.ts';

/**
 * What became of a record: `created`/`updated` (Salesforce confirmed), `unchanged` (nothing to write,
 * not sent), `failed` (refused, or not sent), `unknown` (sent, but no answer came: it may be saved).
 */
export type PushOutcomeKind = 'created' | 'updated' | 'unchanged' | 'failed' | 'unknown';

/** The hint every `unknown` result carries: a retry must not create the record twice. */
export const UNKNOWN_OUTCOME_HINT = 'Salesforce may have saved this record: send it again as an upsert by an External ID field (externalIdField), which cannot create it twice, or read it back before retrying.';

export interface PushResult {
  index: number;
  /** True only when Salesforce confirmed the save (or there was nothing to write). */
  success: boolean;
  outcome: PushOutcomeKind;
  id?: string;
  /** True when Salesforce created the record (create, or an upsert that found no match). */
  created?: boolean;
  errors: RecordError[];
  /** CRM fields the conflict rules kept out of this write. */
  skippedFields?: string[];
  /** Nothing was left to write, so nothing was sent. */
  skipped?: true;
  /** For `unknown`: how to retry safely. */
  hint?: string;
}

/** Salesforce's save results name fields in Salesforce terms; the CRM knows its own names. */
export function crmFieldNames(mappings: readonly FieldMapping[]): (salesforceField: string) => string {
  const names = new Map<string, string>();
  for (const m of mappings) if (m.salesforceField !== null && !names.has(m.salesforceField.toLowerCase())) names.set(m.salesforceField.toLowerCase(), m.crmField);
  return (field) => names.get(field.toLowerCase()) ?? field;
}

/** A Salesforce error in our shape: `statusCode` (collections) or `errorCode` (request errors). */
function recordError(raw: unknown, crmName: (f: string) => string): RecordError {
  const e = (raw ?? {}) as { statusCode?: unknown; errorCode?: unknown; message?: unknown; fields?: unknown };
  const code = typeof e.statusCode === 'string' ? e.statusCode : typeof e.errorCode === 'string' ? e.errorCode : 'UNKNOWN_EXCEPTION';
  const fields = Array.isArray(e.fields) ? e.fields.map((f) => crmName(String(f))) : [];
  return { code, message: typeof e.message === 'string' ? e.message : code, fields };
}

/** One Salesforce save result, as the result of input record `index`. */
export function fromSaveResult(raw: unknown, index: number, operation: PushOperation, crmName: (f: string) => string): PushResult {
  const r = (raw ?? {}) as { success?: unknown; id?: unknown; created?: unknown; errors?: unknown };
  if (typeof raw !== 'object' || raw === null) {
    return { index, success: false, outcome: 'failed', errors: [{ code: 'NO_RESULT', message: 'Salesforce sent no result for this record', fields: [] }] };
  }
  const success = r.success === true;
  const errors = Array.isArray(r.errors) ? r.errors.map((e) => recordError(e, crmName)) : [];
  const created = operation === 'create' ? success : operation === 'update' ? false : r.created === true;
  const outcome = !success ? 'failed' : created ? 'created' : 'updated';
  return { index, success, outcome, ...(typeof r.id === 'string' ? { id: r.id } : {}), ...(success ? { created } : {}), errors };
}

/** The same error for every record a request or a refusal affected. */
export function failed(index: number, code: string, message: string): PushResult {
  return { index, success: false, outcome: 'failed', errors: [{ code, message, fields: [] }] };
}

/** A record sent in a request that got no answer (timeout, connection reset): it may have been saved. */
export function unknown(index: number, message: string): PushResult {
  return { index, success: false, outcome: 'unknown', errors: [{ code: 'OUTCOME_UNKNOWN', message, fields: [] }], hint: UNKNOWN_OUTCOME_HINT };
}
