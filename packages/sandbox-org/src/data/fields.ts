/**
 * Field and object definitions of the sandbox catalogue, with small builders so each object
 * file reads like a describe: one line per field, only what differs from the type's defaults.
 */

/** Describe `type` values the sandbox uses (a subset of Salesforce's). */
export type FieldType = 'id' | 'boolean' | 'string' | 'textarea' | 'phone' | 'email' | 'url' | 'picklist' | 'reference' | 'date' | 'datetime' | 'double' | 'int' | 'currency' | 'percent';

export interface PicklistEntry {
  value: string;
  label: string;
  active: boolean;
  defaultValue: boolean;
}

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  length: number;
  precision: number;
  scale: number;
  digits: number;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  externalId: boolean;
  unique: boolean;
  idLookup: boolean;
  nameField: boolean;
  calculated: boolean;
  defaultedOnCreate: boolean;
  /** Value applied on create when the client sends none. */
  defaultValue: string | boolean | null;
  picklistValues: PicklistEntry[];
  restrictedPicklist: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  caseSensitive: boolean;
}

/** One sObject of the catalogue. `derive` fills computed fields after every write. */
export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  queryable: boolean;
  fields: FieldDef[];
  derive?: (record: Record<string, unknown>, changed: ReadonlySet<string>) => void;
  /** Extra create-time check (e.g. Event's start/duration pairs); returns missing field names. */
  missingOnCreate?: (record: Record<string, unknown>) => string[];
}

/** Default length per type, as Salesforce describes it. */
const LENGTHS: Partial<Record<FieldType, number>> = {
  id: 18,
  string: 255,
  textarea: 255,
  phone: 40,
  email: 80,
  url: 255,
  picklist: 255,
  reference: 18,
};

/** Build a field from its type and the attributes that differ from a plain editable field. */
export function field(name: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
  const numeric = type === 'double' || type === 'currency' || type === 'percent';
  return {
    name,
    label: extra.label ?? labelFor(name),
    type,
    length: LENGTHS[type] ?? 0,
    precision: numeric ? 18 : 0,
    scale: numeric ? (type === 'double' ? 0 : 2) : 0,
    digits: type === 'int' ? 9 : 0,
    custom: name.endsWith('__c'),
    createable: true,
    updateable: true,
    nillable: type !== 'boolean',
    externalId: false,
    unique: false,
    idLookup: false,
    nameField: false,
    calculated: false,
    defaultedOnCreate: type === 'boolean',
    defaultValue: type === 'boolean' ? false : null,
    picklistValues: [],
    restrictedPicklist: false,
    referenceTo: [],
    relationshipName: null,
    caseSensitive: false,
    ...extra,
  };
}

/** A field the platform maintains (system fields, computed names): never writable. */
export function readOnly(name: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
  return field(name, type, { createable: false, updateable: false, defaultedOnCreate: true, ...extra });
}

/** A lookup to another object; `Id` suffix stripped for the relationship name, like Salesforce. */
export function reference(name: string, to: string[], extra: Partial<FieldDef> = {}): FieldDef {
  const rel = name.endsWith('Id') ? name.slice(0, -2) : name.replace(/__c$/, '__r');
  return field(name, 'reference', { referenceTo: to, relationshipName: rel, ...extra });
}

/** A picklist; the first value flagged `*` is the default. */
export function picklist(name: string, values: string[], extra: Partial<FieldDef> = {}): FieldDef {
  const entries = values.map((v) => {
    const isDefault = v.startsWith('*');
    const value = isDefault ? v.slice(1) : v;
    return { value, label: value, active: true, defaultValue: isDefault };
  });
  const def = entries.find((e) => e.defaultValue)?.value ?? null;
  return field(name, 'picklist', {
    picklistValues: entries,
    defaultValue: def,
    defaultedOnCreate: def !== null,
    ...extra,
  });
}

/** Id, IsDeleted, audit fields and SystemModstamp: present on every object. */
export function systemFields(): FieldDef[] {
  const user = { referenceTo: ['User'], nillable: false };
  return [
    readOnly('Id', 'id', { label: 'Record ID', nillable: false, idLookup: true }),
    readOnly('IsDeleted', 'boolean', { label: 'Deleted', nillable: false }),
    readOnly('CreatedDate', 'datetime', { nillable: false }),
    readOnly('CreatedById', 'reference', { ...user, label: 'Created By ID', relationshipName: 'CreatedBy' }),
    readOnly('LastModifiedDate', 'datetime', { nillable: false }),
    readOnly('LastModifiedById', 'reference', { ...user, label: 'Last Modified By ID', relationshipName: 'LastModifiedBy' }),
    readOnly('SystemModstamp', 'datetime', { label: 'System Modstamp', nillable: false }),
  ];
}

/** OwnerId: writable, defaulted to the calling user. */
export function ownerField(): FieldDef {
  return reference('OwnerId', ['User'], { label: 'Owner ID', nillable: false, defaultedOnCreate: true, relationshipName: 'Owner' });
}

/** Activity/view dates Salesforce maintains itself. */
export function activityFields(): FieldDef[] {
  return [
    readOnly('LastActivityDate', 'date', { defaultedOnCreate: false }),
    readOnly('LastViewedDate', 'datetime', { defaultedOnCreate: false }),
    readOnly('LastReferencedDate', 'datetime', { defaultedOnCreate: false }),
  ];
}

/** `PostalCode` → `Postal Code`, `Lead_Score__c` → `Lead Score`. */
function labelFor(name: string): string {
  return name
    .replace(/__c$/, '')
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2');
}

/** A required field: createable, not nillable, no default (describe derives "required" from this). */
export function isRequired(f: FieldDef): boolean {
  return f.createable && !f.nillable && !f.defaultedOnCreate;
}
