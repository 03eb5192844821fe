/** Records and write outcomes as the REST API writes them. */
import type { ObjectSchema } from './catalogue.ts';
import type { FieldDef } from './fields.ts';
import { recordUrl, sfError } from './op.ts';
import type { OpContext, OpResult } from './op.ts';
import type { StoredRecord } from './record-store.ts';
import type { RecordError } from './values.ts';
import type { WriteResult } from './writes.ts';

/** `attributes` first, then the given fields (default: all, in describe order). */
export function apiRecord(ctx: OpContext, schema: ObjectSchema, record: StoredRecord, fields: readonly FieldDef[] = schema.fields): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: { type: schema.name, url: recordUrl(ctx, schema.name, String(record['Id'])) } };
  for (const f of fields) out[f.name] = record[f.name] ?? null;
  return out;
}

/** Resolve a `fields=A,B` list (any case); unknown names give Salesforce's INVALID_FIELD. */
export function selectFields(schema: ObjectSchema, names: readonly string[]): FieldDef[] | OpResult {
  const out: FieldDef[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (name === '') continue;
    const f = schema.field(name);
    if (!f) {
      return sfError(
        400,
        'INVALID_FIELD',
        `No such column '${name}' on entity '${schema.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    if (!out.includes(f)) out.push(f);
  }
  return out;
}

/** A failed single-record write as an HTTP error body (`errorCode` naming). */
export function writeFailure(result: Extract<WriteResult, { ok: false }>): OpResult {
  const { errorCode, message, fields } = result.error;
  const keepFields = result.scope === 'record' || fields.length > 0;
  return sfError(result.status, errorCode, message, keepFields ? fields : undefined);
}

/** One error inside an sObject Collections result: `statusCode`, not `errorCode`. */
export function collectionError(error: RecordError): { statusCode: string; message: string; fields: string[] } {
  // A missing record is a 404 for single-record calls but a per-record lookup failure here.
  if (error.errorCode === 'NOT_FOUND') return { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] };
  return { statusCode: error.errorCode, message: error.message, fields: error.fields };
}
