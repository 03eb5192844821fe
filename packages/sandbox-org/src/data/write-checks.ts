/** Record-level checks that need the org's records: required fields, lookups, uniqueness. */
import type { ObjectSchema } from './catalogue.ts';
import { isRequired } from './fields.ts';
import type { FieldDef } from './fields.ts';
import { keyPrefixOf, normalizeId } from './ids.ts';
import type { StoredRecord } from './record-store.ts';
import type { RecordError } from './values.ts';
import type { WriteTarget } from './write-target.ts';

/** `Required fields are missing: [A, B]`, or undefined when nothing is missing. */
export function requiredMissing(names: string[]): RecordError | undefined {
  if (names.length === 0) return undefined;
  return { errorCode: 'REQUIRED_FIELD_MISSING', message: `Required fields are missing: [${names.join(', ')}]`, fields: names };
}

/** Required fields still empty on a record about to be created. */
export function missingOnCreate(schema: ObjectSchema, record: StoredRecord): string[] {
  const missing = schema.fields.filter((f) => isRequired(f) && record[f.name] == null).map((f) => f.name);
  for (const extra of schema.def.missingOnCreate?.(record) ?? []) if (!missing.includes(extra)) missing.push(extra);
  return missing;
}

/** Fields an update tries to clear although they may not be empty. */
export function clearedRequired(changes: Map<FieldDef, unknown>): string[] {
  return [...changes].filter(([f, v]) => v === null && !f.nillable && f.type !== 'boolean').map(([f]) => f.name);
}

/**
 * Check every changed lookup and rewrite it to the canonical 18-character id.
 * Mirrors Salesforce: malformed → MALFORMED_ID, wrong object → FIELD_INTEGRITY_EXCEPTION,
 * unknown → INVALID_CROSS_REFERENCE_KEY, in the recycle bin → ENTITY_IS_DELETED.
 */
export function checkReferences(org: WriteTarget, changes: Map<FieldDef, unknown>, record: StoredRecord): RecordError | undefined {
  for (const [f, value] of changes) {
    if (f.type !== 'reference' || typeof value !== 'string') continue;
    const id = normalizeId(value);
    const fields = [f.name];
    if (!id) return { errorCode: 'MALFORMED_ID', message: `${f.label}: id value of incorrect type: ${value}`, fields };
    const target = org.catalogue.byKeyPrefix(keyPrefixOf(id));
    if (!target || !f.referenceTo.includes(target.name)) {
      return { errorCode: 'FIELD_INTEGRITY_EXCEPTION', message: `${f.label}: id value of incorrect type: ${value}`, fields };
    }
    const found = org.store.get(target.name, id);
    if (!found) return { errorCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields };
    if (found['IsDeleted'] === true) return { errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields };
    record[f.name] = id;
  }
  return undefined;
}

/** DUPLICATE_VALUE when a unique field's value is already used by another live record. */
export function checkUnique(org: WriteTarget, schema: ObjectSchema, record: StoredRecord, selfId?: string): RecordError | undefined {
  for (const f of schema.indexedFields()) {
    if (!f.unique || record[f.name] == null) continue;
    const other = org.store.find(schema.name, f.name, record[f.name]).find((id) => id !== selfId);
    if (other) {
      return {
        errorCode: 'DUPLICATE_VALUE',
        message: `duplicate value found: ${f.name} duplicates value on record with id: ${other}`,
        fields: [],
      };
    }
  }
  return undefined;
}
