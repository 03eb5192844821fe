/** Finding the record(s) an upsert targets by external id (or by Id), shared by single and bulk upserts. */
import { bareRecord } from './bare-record.ts';
import type { ObjectSchema } from './catalogue.ts';
import type { FieldDef } from './fields.ts';
import { keyPrefixOf, normalizeId } from './ids.ts';
import { sfError } from './op.ts';
import type { OpResult } from './op.ts';
import type { SandboxOrg } from './org-data.ts';
import { coerceValue } from './values.ts';
import type { RecordError } from './values.ts';

/** The field an upsert URL names: an external id field, or Id. Unknown → 404 like Salesforce. */
export function resolveExternalIdField(schema: ObjectSchema, name: string | undefined): FieldDef | OpResult {
  const f = name === undefined ? undefined : schema.field(name);
  if (!f) return sfError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${name ?? ''}`);
  if (f.name !== 'Id' && !f.externalId) {
    return sfError(400, 'INVALID_FIELD', `Field name provided, ${f.name} is not an External ID or indexed field for ${schema.name}`);
  }
  return f;
}

/** Live records matching an external id value: zero (create), one (update) or more (300). */
export function matchExternalId(org: SandboxOrg, schema: ObjectSchema, f: FieldDef, raw: unknown): { ids: string[] } | { error: RecordError } {
  if (f.name === 'Id') {
    const id = typeof raw === 'string' ? normalizeId(raw) : undefined;
    if (!id || keyPrefixOf(id) !== schema.def.keyPrefix) {
      return { error: { errorCode: 'MALFORMED_ID', message: `${schema.name} ID: id value of incorrect type: ${String(raw)}`, fields: ['Id'] } };
    }
    const found = org.store.get(schema.name, id);
    return { ids: found && found['IsDeleted'] !== true ? [id] : [] };
  }
  const coerced = coerceValue(f, raw);
  if (!coerced.ok) return { error: coerced.error };
  return { ids: org.store.find(schema.name, f.name, coerced.value) };
}

/** The body of an upsert's insert: the client's fields plus the external id value from the URL. */
export function withExternalId(body: unknown, f: FieldDef, value: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const input: Record<string, unknown> = bareRecord();
  const lower = f.name.toLowerCase();
  for (const [k, v] of Object.entries(body)) if (k.toLowerCase() !== lower) input[k] = v;
  if (f.name !== 'Id') input[f.name] = value;
  return input;
}
