/**
 * Organization (00D): one read-only row per org, its id the org's real id. The Salesforce CLI reads it
 * on every login and `org display` (`SELECT Name, InstanceName, IsSandbox, TrialExpirationDate,
 * NamespacePrefix, OrganizationType FROM Organization`, @salesforce/core org/org.js and determineOrg.js),
 * and apex-node reads `NamespacePrefix`.
 */
import { picklist, readOnly } from './fields.ts';
import type { ObjectDef } from './fields.ts';

/** What the sandbox says about every org: a Developer Edition-like sandbox on instance "SBX1". */
export const ORGANIZATION_VALUES = {
  OrganizationType: 'Developer Edition',
  InstanceName: 'SBX1',
  IsSandbox: true,
  TrialExpirationDate: null,
  NamespacePrefix: null,
  DefaultLocaleSidKey: 'en_US',
  LanguageLocaleKey: 'en_US',
  TimeZoneSidKey: 'GMT',
  Country: null,
} as const;

const user = { referenceTo: ['User'], nillable: false };

/** Organization: queryable and describable, never created, updated or deleted through the API here. */
export const ORGANIZATION: ObjectDef = {
  name: 'Organization',
  label: 'Organization',
  labelPlural: 'Organizations',
  keyPrefix: '00D',
  custom: false,
  createable: false,
  updateable: false,
  deletable: false,
  queryable: true,
  fields: [
    readOnly('Id', 'id', { label: 'Organization ID', nillable: false, idLookup: true }),
    readOnly('Name', 'string', { length: 80, nillable: false, nameField: true }),
    readOnly('Division', 'string', { length: 80 }),
    readOnly('Country', 'string', { length: 80 }),
    readOnly('Phone', 'phone'),
    readOnly('PrimaryContact', 'string', { length: 80 }),
    picklist('DefaultLocaleSidKey', ['en_US', 'en_GB', 'de_DE', 'fr_FR'], { createable: false, updateable: false, nillable: false, label: 'Locale' }),
    picklist('LanguageLocaleKey', ['en_US', 'de', 'fr'], { createable: false, updateable: false, nillable: false, label: 'Language' }),
    picklist('TimeZoneSidKey', ['America/Los_Angeles', 'America/New_York', 'Europe/London', 'GMT'], { createable: false, updateable: false, nillable: false, label: 'Time Zone' }),
    readOnly('OrganizationType', 'picklist', {
      label: 'Edition',
      picklistValues: ['Team Edition', 'Professional Edition', 'Enterprise Edition', 'Developer Edition', 'Personal Edition', 'Unlimited Edition', 'Base Edition'].map((v) => ({
        value: v,
        label: v,
        active: true,
        defaultValue: false,
      })),
    }),
    readOnly('InstanceName', 'string', { length: 5, label: 'Instance Name' }),
    readOnly('IsSandbox', 'boolean', { nillable: false }),
    readOnly('TrialExpirationDate', 'datetime', { defaultedOnCreate: false }),
    readOnly('NamespacePrefix', 'string', { length: 15 }),
    readOnly('CreatedDate', 'datetime', { nillable: false }),
    readOnly('CreatedById', 'reference', { ...user, label: 'Created By ID', relationshipName: 'CreatedBy' }),
    readOnly('LastModifiedDate', 'datetime', { nillable: false }),
    readOnly('LastModifiedById', 'reference', { ...user, label: 'Last Modified By ID', relationshipName: 'LastModifiedBy' }),
    readOnly('SystemModstamp', 'datetime', { label: 'System Modstamp', nillable: false }),
  ],
};
