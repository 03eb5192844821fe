/** Body specs of the sync routes: a relationship's mappings, and a push of records. */
import fc from 'fast-check';
import type { BodySpec } from './bodies.ts';
import { hostileString, notAnObject, notAString } from './strings.ts';

const SALESFORCE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
const CRM_FIELD = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const RESERVED_CRM = new Set(['id', 'sobject', 'modifiedat', '__proto__', 'constructor', 'prototype']);

const badMapping: fc.Arbitrary<{ label: string; value: unknown }> = fc.oneof(
  fc
    .oneof(hostileString, fc.constantFrom('Id', 'SObject', 'modifiedAt', 'MODIFIEDAT', '__proto__', 'constructor', 'prototype', '1abc', 'a-b', 'a b', 'x'.repeat(65)))
    .filter((name) => !CRM_FIELD.test(name) || RESERVED_CRM.has(name.toLowerCase()))
    .map((crmField) => ({ label: 'mapping:crmField', value: { crmField, salesforceField: 'Name', conflict: 'recent' } })),
  fc
    .oneof(hostileString, fc.constantFrom('Name, Id', 'Name FROM Lead --', 'Name)', '1Name', '_Name', 'Name__c ', 'x'.repeat(81), ''))
    .filter((name) => !SALESFORCE_NAME.test(name))
    .map((salesforceField) => ({ label: 'mapping:salesforceField', value: { crmField: 'fuzzField', salesforceField, conflict: 'recent' } })),
  fc
    .oneof(
      hostileString.filter((c) => !['crm', 'salesforce', 'recent'].includes(c)),
      notAString,
    )
    .map((conflict) => ({ label: 'mapping:conflict', value: { crmField: 'fuzzField', salesforceField: 'Name', conflict } })),
  notAString.map((salesforceField) => ({ label: 'mapping:salesforceField-type', value: { crmField: 'fuzzField', salesforceField: salesforceField === null ? 1 : salesforceField, conflict: 'recent' } })),
  fc.constant({ label: 'mapping:extra-key', value: { crmField: 'fuzzField', salesforceField: 'Name', conflict: 'recent', soql: "' OR ''='" } }),
  fc.constant({ label: 'mapping:missing-conflict', value: { crmField: 'fuzzField', salesforceField: 'Name' } }),
  notAnObject.map((value) => ({ label: 'mapping:not-an-object', value })),
);

/** PUT /v1/orgs/:orgId/mappings/:relationship. */
export const MAPPINGS_BODY: BodySpec = {
  template: { mappings: [{ crmField: 'fuzzField', salesforceField: 'Name', conflict: 'recent' }] },
  required: ['mappings'],
  bad: {
    mappings: fc.oneof(
      notAnObject.filter((v) => !Array.isArray(v)),
      fc.constant({}),
    ),
  },
  extra: fc.oneof(
    fc.tuple(badMapping, fc.nat({ max: 3 })).map(([m, at]) => {
      const list: unknown[] = [
        { crmField: 'okField', salesforceField: 'Email', conflict: 'crm' },
        { crmField: 'okOther', salesforceField: null, conflict: 'crm' },
      ];
      list.splice(at % (list.length + 1), 0, m.value);
      return { label: `body:${m.label}`, text: JSON.stringify({ mappings: list }) };
    }),
    fc.constant({
      label: 'body:duplicate-crmField',
      text: JSON.stringify({
        mappings: [
          { crmField: 'a', salesforceField: 'Name', conflict: 'crm' },
          { crmField: 'a', salesforceField: 'Email', conflict: 'crm' },
        ],
      }),
    }),
    fc.constant({ label: 'body:501-mappings', text: JSON.stringify({ mappings: Array.from({ length: 501 }, (_, i) => ({ crmField: `f${i}`, salesforceField: null, conflict: 'crm' })) }) }),
  ),
};

const okRecord = { lastName: 'Fuzz', company: 'Fuzz Inc' };
/** POST /v1/orgs/:orgId/sync/:relationship. */
export const PUSH_BODY: BodySpec = {
  template: { operation: 'create', records: [okRecord] },
  required: ['operation', 'records'],
  bad: {
    operation: fc.oneof(
      hostileString.filter((o) => !['create', 'update', 'upsert'].includes(o)),
      fc.constantFrom('delete', 'CREATE', 'Create', 'insert'),
      notAString,
    ),
    records: fc.oneof(
      notAnObject.filter((v) => !Array.isArray(v)),
      fc.constant([]),
      fc.constant({}),
      fc.constant(null),
    ),
    allOrNone: fc.oneof(fc.constantFrom('true', 1, 0, 'false', null), fc.constant({})),
    externalIdField: fc.oneof(fc.constant('Crm_Id__c'), fc.constant('Id')),
  },
  extra: fc.oneof(
    fc
      .oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.boolean())
      .map((r) => ({ label: 'body:record-not-an-object', text: JSON.stringify({ operation: 'create', records: [okRecord, r] }) })),
    fc.constantFrom('constructor', 'prototype').map((key) => ({ label: `body:record-${key}-key`, text: JSON.stringify({ operation: 'create', records: [{ ...okRecord, [key]: { polluted: true } }] }) })),
    fc.constant({ label: 'body:record-__proto__-key', text: `{"operation":"create","records":[{"lastName":"x","__proto__":{"polluted":true}}]}` }),
    fc.constant({ label: 'body:2001-records', text: JSON.stringify({ operation: 'create', records: Array.from({ length: 2001 }, () => okRecord) }) }),
    fc.constant({ label: 'body:upsert-without-key', text: JSON.stringify({ operation: 'upsert', records: [okRecord] }) }),
    hostileString.filter((f) => !SALESFORCE_NAME.test(f)).map((externalIdField) => ({ label: 'body:upsert-bad-key', text: JSON.stringify({ operation: 'upsert', externalIdField, records: [okRecord] }) })),
    fc.integer({ min: 200, max: 5000 }).map((depth) => ({ label: 'body:deep-record', text: `{"operation":"create","records":[${'['.repeat(depth)}${']'.repeat(depth)}]}` })),
  ),
};
