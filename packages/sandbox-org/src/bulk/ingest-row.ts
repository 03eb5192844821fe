/**
 * One CSV row of an ingest job written through the sandbox's own write path (the functions the
 * REST record, Collections and Composite routes use), so Bulk writes obey the same validation.
 * Bulk CSV conventions: an empty cell leaves the field alone, `#N/A` sets it to null.
 */
import { bareRecord } from '../data/bare-record.ts';
import type { ObjectSchema } from '../data/catalogue.ts';
import type { FieldDef } from '../data/fields.ts';
import { keyPrefixOf, normalizeId } from '../data/ids.ts';
import type { SandboxOrg } from '../data/org-data.ts';
import { matchExternalId, withExternalId } from '../data/upsert-match.ts';
import type { RecordError } from '../data/values.ts';
import { createRecord, deleteRecord, updateRecord } from '../data/writes.ts';
import type { IngestOperation } from './jobs.ts';

/** What a row did: the record id (and whether it was created), or the sf__Error text. */
export type RowResult = { ok: true; id: string; created: boolean } | { ok: false; id: string; error: string };

/** The columns of a job's header, resolved against the object. */
export interface RowContext {
  org: SandboxOrg;
  schema: ObjectSchema;
  operation: IngestOperation;
  columns: readonly FieldDef[];
  /** The upsert key field (upsert only). */
  externalId?: FieldDef;
}

/** Salesforce's sf__Error text: `CODE:message:field1,field2 --` (`CODE:message:--` with no fields). */
export function errorText(error: RecordError): string {
  return `${error.errorCode}:${error.message}:${error.fields.length > 0 ? `${error.fields.join(',')} ` : ''}--`;
}

const fail = (error: RecordError, id = ''): RowResult => ({ ok: false, id, error: errorText(error) });

/** The field changes of a row: every column but Id, empty cells skipped, `#N/A` as null. */
function rowBody(ctx: RowContext, row: readonly string[]): Record<string, unknown> {
  const body: Record<string, unknown> = bareRecord();
  ctx.columns.forEach((f, i) => {
    const cell = row[i] ?? '';
    if (f.name === 'Id' || cell === '') return;
    if (cell === '#N/A') body[f.name] = null;
    else body[f.name] = f.type === 'boolean' ? cell.toLowerCase() : cell;
  });
  return body;
}

/** The canonical record id in the row's Id column, or the row's error. */
function rowId(ctx: RowContext, row: readonly string[], verb: string): string | RowResult {
  const index = ctx.columns.findIndex((f) => f.name === 'Id');
  const raw = index === -1 ? '' : (row[index] ?? '');
  if (raw === '') return fail({ errorCode: 'MISSING_ARGUMENT', message: `Id not specified in an ${verb} call`, fields: [] });
  const id = normalizeId(raw);
  if (!id || keyPrefixOf(id) !== ctx.schema.def.keyPrefix) {
    return fail({ errorCode: 'MALFORMED_ID', message: `${ctx.schema.name} ID: id value of incorrect type: ${raw}`, fields: ['Id'] }, raw);
  }
  return id;
}

function upsertRow(ctx: RowContext, row: readonly string[], body: Record<string, unknown>): RowResult {
  const f = ctx.externalId!;
  const value = row[ctx.columns.indexOf(f)] ?? '';
  if (value === '') return fail({ errorCode: 'MISSING_ARGUMENT', message: `${f.name} not specified`, fields: [] });
  const match = matchExternalId(ctx.org, ctx.schema, f, value);
  if ('error' in match) return fail(match.error);
  if (match.ids.length > 1) {
    return fail({ errorCode: 'DUPLICATE_EXTERNAL_ID', message: `${f.name}: more than one record found for external id field: [${match.ids.join(', ')}]`, fields: [f.name] });
  }
  if (match.ids.length === 1) {
    const result = updateRecord(ctx.org, ctx.schema, match.ids[0]!, body);
    return result.ok ? { ok: true, id: result.id, created: false } : fail(result.error, match.ids[0]);
  }
  if (f.name === 'Id') return fail({ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] });
  const result = createRecord(ctx.org, ctx.schema, withExternalId(body, f, value));
  return result.ok ? { ok: true, id: result.id, created: true } : fail(result.error);
}

/** Apply one data row. */
export function applyRow(ctx: RowContext, row: readonly string[]): RowResult {
  if (row.length > ctx.columns.length) {
    return fail({ errorCode: 'INVALID_FIELD', message: `Row has ${row.length} values but the header names ${ctx.columns.length} fields`, fields: [] });
  }
  const body = rowBody(ctx, row);
  switch (ctx.operation) {
    case 'insert': {
      const idCell = row[ctx.columns.findIndex((f) => f.name === 'Id')];
      if (idCell) return fail({ errorCode: 'INVALID_FIELD', message: 'cannot specify Id in an insert call', fields: ['Id'] });
      const result = createRecord(ctx.org, ctx.schema, body);
      return result.ok ? { ok: true, id: result.id, created: true } : fail(result.error);
    }
    case 'update': {
      const id = rowId(ctx, row, 'update');
      if (typeof id !== 'string') return id;
      const result = updateRecord(ctx.org, ctx.schema, id, body);
      return result.ok ? { ok: true, id, created: false } : fail(result.error, id);
    }
    case 'upsert':
      return upsertRow(ctx, row, body);
    case 'delete':
    case 'hardDelete': {
      const id = rowId(ctx, row, 'delete');
      if (typeof id !== 'string') return id;
      const result = deleteRecord(ctx.org, ctx.schema, id);
      return result.ok ? { ok: true, id, created: false } : fail(result.error, id);
    }
  }
}
