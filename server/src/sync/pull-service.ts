/**
 * A pull: one SOQL query (one call) for the records changed after a position, ordered by
 * SystemModstamp then Id, shaped as CRM records. Fields whose conflict rule is `crm` are not
 * pulled: the CRM's value wins, so reading it would be wasted bytes.
 */
import { Problem } from '../errors.ts';
import type { Org } from '../orgs/org.ts';
import type { CallContext } from '../salesforce/call-context.ts';
import type { FieldMapping } from './default-mappings.ts';
import { describeObject, type DescribeDeps } from './describe-cache.ts';
import { rememberPulled } from './last-pulled.ts';
import { encodeCursor } from './pull-cursor.ts';
import type { PullInput } from './pull-input.ts';
import type { Relationship } from './relationships.ts';
import type { SyncTracking } from './push-tracking.ts';
import { phoneFieldOf } from '../usage/field-usage.ts';
import { toSalesforceProblem } from './salesforce-failure.ts';
import { parseIsoDateTime, pullQuery, SALESFORCE_ID, SALESFORCE_NAME } from './soql.ts';

export interface PullResponse {
  relationship: string;
  records: Record<string, unknown>[];
  /** Where the next page starts; after `done`, keep it for the next incremental pull. */
  nextCursor: string | null;
  /** No more changes right now. */
  done: boolean;
}

interface QueryResult {
  done?: boolean;
  records?: Record<string, unknown>[];
}

type PulledField = FieldMapping & { salesforceField: string };

const ALWAYS_SELECTED = new Set(['id', 'systemmodstamp', 'lastmodifieddate']);

/** Mapped fields to pull: assigned, not CRM-owned, and present on `object` (the SELECT dedupes them). */
async function pulledFields(deps: DescribeDeps, org: Org, relationship: Relationship, object: string, context: CallContext): Promise<PulledField[]> {
  let wanted = org.mappings[relationship.name].flatMap((m) => (m.salesforceField !== null && m.conflict !== 'crm' && SALESFORCE_NAME.test(m.salesforceField) ? [{ ...m, salesforceField: m.salesforceField }] : []));
  if (relationship.objects.length > 1 && wanted.length > 0) {
    // One mapping serves two objects: ask only for the fields this object has (describe is cached).
    const { describe } = await describeObject(deps, org, object, context);
    const present = new Map(describe.fields.map((f) => [f.name.toLowerCase(), f.name]));
    wanted = wanted.flatMap((w) => {
      const name = present.get(w.salesforceField.toLowerCase());
      return name ? [{ ...w, salesforceField: name }] : [];
    });
  }
  return wanted;
}

/** A text column of a query row: Salesforce sends ids and date-times as strings ('' when absent). */
function textIn(row: Record<string, unknown>, field: string): string {
  const value = row[field];
  return typeof value === 'string' ? value : '';
}

/** The value of a field in a query row, whatever case the mapping used. */
function valueIn(row: Record<string, unknown>, field: string): unknown {
  if (Object.hasOwn(row, field)) return row[field];
  const key = Object.keys(row).find((k) => k.toLowerCase() === field.toLowerCase());
  return key === undefined ? null : row[key];
}

/** Pull one page of changes of `input.object`. */
export async function pullRecords(deps: DescribeDeps & SyncTracking, org: Org, relationship: Relationship, input: PullInput): Promise<PullResponse> {
  const context: CallContext = { relationship: relationship.name, direction: 'pull', priority: 'sync' };
  const empty: PullResponse = { relationship: relationship.name, records: [], nextCursor: input.cursor ?? null, done: true };
  let rows: Record<string, unknown>[];
  let salesforceDone: boolean;
  let fields: PulledField[];
  try {
    fields = await pulledFields(deps, org, relationship, input.object, context);
    // Nothing mapped to read: an empty page, and no call spent on ids alone.
    if (fields.length === 0) return empty;
    const select = [...new Set(fields.map((f) => f.salesforceField))].filter((f) => !ALWAYS_SELECTED.has(f.toLowerCase()));
    // One row more than asked tells whether another page exists, without an empty last call.
    const soql = pullQuery(input.object, select, input.after, input.limit + 1);
    const client = await deps.pool.get(org);
    const result = await client.json<QueryResult>(context, { method: 'GET', url: `/query?q=${encodeURIComponent(soql)}` });
    rows = result.records ?? [];
    salesforceDone = result.done !== false;
  } catch (error) {
    throw toSalesforceProblem(error);
  }
  const page = rows.slice(0, input.limit);
  const records = page.map((row) => {
    const record: Record<string, unknown> = { id: row['Id'] };
    if (relationship.objects.length > 1) record['sobject'] = input.object;
    const modified = parseIsoDateTime(textIn(row, 'LastModifiedDate'));
    record['modifiedAt'] = modified === undefined ? null : new Date(modified).toISOString();
    for (const f of fields) record[f.crmField] = valueIn(row, f.salesforceField) ?? null;
    return record;
  });
  const last = page.at(-1);
  if (!last) return empty;
  const lastStamp = parseIsoDateTime(textIn(last, 'SystemModstamp'));
  const lastId = textIn(last, 'Id');
  if (lastStamp === undefined || !SALESFORCE_ID.test(lastId)) throw new Problem('SALESFORCE_ERROR', 'Salesforce answered the query without SystemModstamp or Id.');
  if (fields.some((f) => f.conflict === 'recent')) {
    const changes = page.flatMap((row) => {
      const at = parseIsoDateTime(textIn(row, 'LastModifiedDate'));
      return at === undefined ? [] : [{ id: String(row['Id']), at }];
    });
    await rememberPulled(deps.state, org.id, changes);
  }
  // Field usage sees what Salesforce holds for each pulled field (CRM-owned fields are not pulled).
  const phoneField = phoneFieldOf(relationship.name, fields);
  await deps.fieldUsage?.track(org.id, {
    relationship: relationship.name,
    direction: 'pull',
    at: Date.now(),
    ...(phoneField ? { phoneField } : {}),
    records: records.map((r) => ({ id: String(r['id']), values: Object.fromEntries(fields.map((f) => [f.crmField, r[f.crmField]])) })),
  });
  return {
    relationship: relationship.name,
    records,
    nextCursor: encodeCursor(input.object, { modstamp: lastStamp, id: lastId }),
    done: rows.length <= input.limit && salesforceDone,
  };
}
