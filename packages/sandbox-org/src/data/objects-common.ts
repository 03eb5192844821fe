/** Shared pieces of the standard objects: field order, picklist value sets, computed names. */
import { activityFields, field, ownerField, picklist, readOnly, systemFields } from './fields.ts';
import type { FieldDef, ObjectDef } from './fields.ts';

/** Standard picklist value sets, as a new org has them. */
export const INDUSTRIES = [
  'Agriculture',
  'Apparel',
  'Banking',
  'Biotechnology',
  'Chemicals',
  'Communications',
  'Construction',
  'Consulting',
  'Education',
  'Electronics',
  'Energy',
  'Engineering',
  'Entertainment',
  'Environmental',
  'Finance',
  'Food & Beverage',
  'Government',
  'Healthcare',
  'Hospitality',
  'Insurance',
  'Machinery',
  'Manufacturing',
  'Media',
  'Not For Profit',
  'Recreation',
  'Retail',
  'Shipping',
  'Technology',
  'Telecommunications',
  'Transportation',
  'Utilities',
  'Other',
];
export const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
export const RATINGS = ['Hot', 'Warm', 'Cold'];
export const SALUTATIONS = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'];

type ObjectShape = Omit<ObjectDef, 'fields' | 'custom' | 'createable' | 'updateable' | 'deletable' | 'queryable'> & Partial<Pick<ObjectDef, 'createable' | 'updateable' | 'deletable' | 'queryable'>>;

/**
 * Assemble a standard object in Salesforce's describe order: Id, IsDeleted, the object's own
 * fields, OwnerId, audit fields, then activity dates.
 */
export function standardObject(shape: ObjectShape, own: FieldDef[], options: { owner?: boolean; activity?: boolean } = {}): ObjectDef {
  const [id, isDeleted, ...audit] = systemFields();
  return {
    custom: false,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    ...shape,
    fields: [id!, isDeleted!, ...own, ...(options.owner === false ? [] : [ownerField()]), ...audit, ...(options.activity === false ? [] : activityFields())],
  };
}

/** The person-name trio Lead, Contact and User share; Name is computed from the other two. */
export function personNameFields(): FieldDef[] {
  return [
    field('LastName', 'string', { length: 80, nillable: false }),
    field('FirstName', 'string', { length: 40 }),
    picklist('Salutation', SALUTATIONS),
    readOnly('Name', 'string', { label: 'Full Name', length: 121, nameField: true, nillable: false }),
  ];
}

/** Street/City/State/PostalCode/Country with an optional prefix (Billing, Mailing, …). */
export function addressFields(prefix = ''): FieldDef[] {
  return [
    field(`${prefix}Street`, 'textarea'),
    field(`${prefix}City`, 'string', { length: 40 }),
    field(`${prefix}State`, 'string', { length: 80 }),
    field(`${prefix}PostalCode`, 'string', { length: 20 }),
    field(`${prefix}Country`, 'string', { length: 80 }),
  ];
}

/** Recompute Name from FirstName and LastName, as Salesforce does for people. */
export function derivePersonName(record: Record<string, unknown>): void {
  const parts = [record['FirstName'], record['LastName']].filter((p) => typeof p === 'string' && p !== '');
  record['Name'] = parts.join(' ');
}
