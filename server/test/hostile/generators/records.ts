/** Pushes whose body is well-formed but every record is refused on its own. */
import fc from 'fast-check';
import { PUSH_RELATIONSHIPS } from './paths.ts';
import { hostileString } from './strings.ts';
import type { FuzzContext } from './types.ts';

/** A push the schema accepts, each record carrying at least one field no mapping has. */
export interface RecordFuzzRequest {
  url: string;
  body: string;
  records: number;
}

/** Pushes of 1–30 records, each carrying unknown fields (and maybe hostile id, sobject, modifiedAt). */
export function pushesOfBadRecords(ctx: FuzzContext): fc.Arbitrary<RecordFuzzRequest> {
  const mappedish = fc.constantFrom('lastName', 'company', 'email', 'firstName', 'title', 'name', 'status', 'subject', 'score', 'color');
  const value = fc.oneof(
    hostileString,
    fc.jsonValue({ maxDepth: 4 }),
    fc.integer({ min: 50, max: 3000 }).map((d) => JSON.parse(`${'['.repeat(d)}${']'.repeat(d)}`) as unknown),
  );
  const unknownKey = fc.oneof(
    fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789_'), minLength: 1, maxLength: 20 }).map((s) => `zz${s}`),
    hostileString.map((s) => `zz${s}`),
  );
  const record = fc
    .record({
      unknown: fc.dictionary(unknownKey, value, { minKeys: 1, maxKeys: 3 }),
      known: fc.dictionary(mappedish, value, { maxKeys: 3 }),
      id: fc.option(fc.oneof(hostileString, fc.constantFrom('00Q000000000001AAA', '00Q0000000000', "00Q' OR Id != null")), { nil: undefined }),
      sobject: fc.option(fc.oneof(hostileString, fc.constantFrom('Lead', 'Contact', 'User')), { nil: undefined }),
      modifiedAt: fc.option(fc.oneof(hostileString, fc.constantFrom('2026-01-01T00:00:00Z', '2026-02-30T00:00:00Z')), { nil: undefined }),
    })
    .map(({ unknown, known, id, sobject, modifiedAt }) => ({
      ...known,
      ...unknown,
      ...(id !== undefined ? { id } : {}),
      ...(sobject !== undefined ? { sobject } : {}),
      ...(modifiedAt !== undefined ? { modifiedAt } : {}),
    }));
  return fc
    .record({
      relationship: fc.constantFrom(...PUSH_RELATIONSHIPS),
      operation: fc.constantFrom('create', 'update', 'upsert'),
      externalIdField: fc.constantFrom('Id', 'Crm_Id__c', 'LastName'),
      allOrNone: fc.option(fc.boolean(), { nil: undefined }),
      records: fc.array(record, { minLength: 1, maxLength: 30 }),
    })
    .map(({ relationship, operation, externalIdField, allOrNone, records }) => ({
      url: `/v1/orgs/${ctx.orgId}/sync/${relationship}`,
      body: JSON.stringify({ operation, ...(operation === 'upsert' ? { externalIdField } : {}), ...(allOrNone !== undefined ? { allOrNone } : {}), records }),
      records: records.length,
    }));
}
