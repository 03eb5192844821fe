/** Turning a CustomFieldSpec into a describe-ready field, with the checks Setup would make. */
import type { CustomFieldSpec, SfErrorBody } from '../types.ts';
import { field, picklist } from './fields.ts';
import type { FieldDef, FieldType } from './fields.ts';

// API names: a letter first, no double or trailing underscore before the `__c` suffix.
const CUSTOM_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*[A-Za-z0-9]__c$|^[A-Za-z]__c$/;

const TYPE_MAP: Record<CustomFieldSpec['type'], FieldType> = {
  string: 'string',
  double: 'double',
  int: 'double',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  picklist: 'picklist',
  phone: 'phone',
  email: 'email',
  textarea: 'textarea',
  url: 'url',
  percent: 'percent',
  currency: 'currency',
};

/**
 * Build the FieldDef for a custom field, or the error Salesforce's metadata layer would give.
 * Custom "int" fields are Number(18, 0): Salesforce describes every custom number as double.
 */
export function customFieldDef(spec: CustomFieldSpec, existing: readonly FieldDef[]): FieldDef | SfErrorBody {
  if (!CUSTOM_NAME.test(spec.name)) {
    return { errorCode: 'INVALID_FIELD', message: `Invalid custom field name: ${spec.name}. It must end in __c.`, fields: [spec.name] };
  }
  const lower = spec.name.toLowerCase();
  if (existing.some((f) => f.name.toLowerCase() === lower)) {
    return { errorCode: 'DUPLICATE_DEVELOPER_NAME', message: `There is already a field named ${spec.name} on ${spec.object}.`, fields: [spec.name] };
  }
  const type = TYPE_MAP[spec.type];
  if (type === undefined) {
    return { errorCode: 'INVALID_TYPE', message: `Unsupported custom field type: ${String(spec.type)}`, fields: [spec.name] };
  }
  const common: Partial<FieldDef> = {
    custom: true,
    externalId: spec.externalId === true,
    unique: spec.unique === true,
    // External ids are indexed, so Salesforce marks them idLookup (usable in upsert).
    idLookup: spec.externalId === true,
    ...(spec.label !== undefined ? { label: spec.label } : {}),
  };
  if (type === 'picklist') {
    return picklist(spec.name, spec.picklistValues ?? [], { ...common, restrictedPicklist: true });
  }
  const def = field(spec.name, type, common);
  if (spec.length !== undefined && (type === 'string' || type === 'textarea')) def.length = spec.length;
  if (spec.type === 'int') def.scale = 0;
  return def;
}
