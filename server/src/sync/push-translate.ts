/**
 * One CRM record → the Salesforce fields to write, following the org's mapping: Unassigned fields
 * are dropped silently (fewer changed fields), unknown fields are errors (never dropped silently),
 * and conflict rules decide which fields an update may overwrite.
 */
import type { FieldMapping } from './default-mappings.ts';
import type { PushOperation } from './push-input.ts';
import type { Relationship } from './relationships.ts';
import { parseIsoDateTime, SALESFORCE_ID } from './soql.ts';

export interface RecordError {
  code: string;
  message: string;
  fields: string[];
}

/** A record ready to send: its object, its Salesforce values, and what the conflict rules held back. */
export interface Translated {
  index: number;
  object: string;
  id?: string;
  values: Record<string, unknown>;
  /** CRM fields not written because Salesforce wins (rule `salesforce`) or holds a newer change (`recent`). */
  skippedFields: string[];
}

export interface TranslateOptions {
  relationship: Relationship;
  mappings: readonly FieldMapping[];
  operation: PushOperation;
  /** The mapping's Salesforce field an upsert matches on, or `Id`. */
  externalIdField?: string;
  /** LastModifiedDate we last pulled, by 15-character id. */
  lastPulled: ReadonlyMap<string, number>;
}

const fail = (index: number, errors: RecordError[]) => ({ index, errors });
const isValue = (v: unknown): boolean => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

function objectOf(relationship: Relationship, sobject: unknown): string | RecordError {
  const objects = relationship.objects;
  if (sobject === undefined && objects.length === 1) return objects[0]!;
  if (typeof sobject === 'string' && objects.includes(sobject)) return sobject;
  const message = objects.length === 1 ? `${relationship.name} records are ${objects[0]}` : `${relationship.name} records name their sobject: ${objects.join(' or ')}`;
  return { code: 'INVALID_SOBJECT', message, fields: ['sobject'] };
}

function idOf(options: TranslateOptions, raw: unknown): string | undefined | RecordError {
  const byId = options.operation === 'update' || (options.operation === 'upsert' && options.externalIdField === 'Id');
  if (raw === undefined || raw === null) return byId ? { code: 'MISSING_ID', message: `${options.operation} needs the record's Salesforce id`, fields: ['id'] } : undefined;
  if (!byId)
    return {
      code: 'ID_NOT_ALLOWED',
      message: `${options.operation === 'create' ? 'create makes a new record' : `this upsert matches on ${options.externalIdField}`}; send id only to update or upsert by Id`,
      fields: ['id'],
    };
  if (typeof raw !== 'string' || !SALESFORCE_ID.test(raw)) return { code: 'MALFORMED_ID', message: 'id is not a 15- or 18-character Salesforce id', fields: ['id'] };
  return raw;
}

/** Whether the conflict rule keeps this field out of this write. */
function heldBack(m: FieldMapping, options: TranslateOptions, id: string | undefined, modifiedAt: number | undefined): boolean {
  // Upserts may update: Salesforce-owned fields are left out, as we cannot know before sending.
  if (m.conflict === 'salesforce') return options.operation !== 'create';
  if (m.conflict === 'recent' && id !== undefined && modifiedAt !== undefined) {
    const salesforceChange = options.lastPulled.get(id.slice(0, 15));
    return salesforceChange !== undefined && salesforceChange > modifiedAt;
  }
  return false;
}

/** Translate record `index`; per-record errors never reach Salesforce. */
export function translateRecord(input: Record<string, unknown>, index: number, options: TranslateOptions): Translated | { index: number; errors: RecordError[] } {
  const errors: RecordError[] = [];
  const object = objectOf(options.relationship, input['sobject']);
  if (typeof object !== 'string') errors.push(object);
  const id = idOf(options, input['id']);
  if (typeof id === 'object') errors.push(id);
  let modifiedAt: number | undefined;
  if (input['modifiedAt'] !== undefined) {
    modifiedAt = typeof input['modifiedAt'] === 'string' ? parseIsoDateTime(input['modifiedAt']) : undefined;
    if (modifiedAt === undefined) errors.push({ code: 'INVALID_VALUE', message: 'modifiedAt is an ISO-8601 date-time with a zone', fields: ['modifiedAt'] });
  }
  const byCrmField = new Map(options.mappings.map((m) => [m.crmField, m]));
  const values: Record<string, unknown> = {};
  const skippedFields: string[] = [];
  const externalKey = options.externalIdField?.toLowerCase();
  let hasExternalValue = false;
  for (const [key, value] of Object.entries(input)) {
    if (key === 'id' || key === 'sobject' || key === 'modifiedAt') continue;
    const m = byCrmField.get(key);
    if (!m) {
      errors.push({ code: 'UNKNOWN_FIELD', message: `${key} is not a mapped field of ${options.relationship.name}`, fields: [key] });
      continue;
    }
    if (m.salesforceField === null) continue; // Unassigned: never sent, by design
    if (!isValue(value)) {
      errors.push({ code: 'INVALID_VALUE', message: `${key} must be a string, number, boolean or null`, fields: [key] });
      continue;
    }
    const isKey = externalKey !== undefined && m.salesforceField.toLowerCase() === externalKey;
    // jsforce drops records whose key is falsy, so 0, false and '' cannot be keys.
    if (isKey) hasExternalValue = Boolean(value) && (typeof value === 'string' || typeof value === 'number');
    if (!isKey && heldBack(m, options, typeof id === 'string' ? id : undefined, modifiedAt)) skippedFields.push(key);
    else values[m.salesforceField] = value;
  }
  if (externalKey !== undefined && externalKey !== 'id' && !hasExternalValue) {
    errors.push({ code: 'MISSING_EXTERNAL_ID', message: `upsert matches on ${options.externalIdField}: send its mapped CRM field`, fields: [] });
  }
  if (errors.length > 0 || typeof object !== 'string' || typeof id === 'object') return fail(index, errors);
  return { index, object, ...(id !== undefined ? { id } : {}), values, skippedFields };
}
