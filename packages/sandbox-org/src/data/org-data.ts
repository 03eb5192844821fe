/**
 * One sandbox org's data: catalogue, records, id minter and query cursors. Implements the
 * platform's OrgData contract (and through it the SOQL module's SoqlSource).
 */
import type { SoqlObjectInfo, SoqlRecord } from '../soql/index.ts';
import type { Clock, CreateOrgData, CustomFieldSpec, OrgData, SfErrorBody } from '../types.ts';
import { Catalogue } from './catalogue.ts';
import { childRelationshipsOf } from './child-relationships.ts';
import { seedFixedRecords } from './fixed-records.ts';
import { IdMinter, normalizeId } from './ids.ts';
import { QueryCursors } from './query-cursors.ts';
import { RecordStore } from './record-store.ts';
import { formatDateTime } from './values.ts';
import { createRecord } from './writes.ts';
import type { WriteTarget } from './write-target.ts';

/** The OrgData of one sandbox org; the data routes reach its store through `request.sandbox.data`. */
export class SandboxOrg implements OrgData, WriteTarget {
  readonly orgId: string;
  readonly clock: Clock;
  readonly userId: string;
  /** The login username, also the User record's Username (the sf CLI compares them). */
  readonly username: string;
  readonly catalogue: Catalogue;
  readonly store = new RecordStore();
  readonly minter: IdMinter;
  readonly cursors: QueryCursors;
  private lastStamp = 0;

  constructor(options: { orgId: string; clock: Clock; userId: string; username?: string }) {
    this.orgId = options.orgId;
    this.username = options.username ?? `admin@${options.orgId.toLowerCase()}.sandbox`;
    this.clock = options.clock;
    this.userId = normalizeId(options.userId) ?? options.userId;
    this.catalogue = new Catalogue(this.clock.now());
    this.minter = new IdMinter(options.orgId);
    this.cursors = new QueryCursors(this.clock, this.minter);
    for (const schema of this.catalogue.all()) {
      for (const f of schema.indexedFields()) this.store.ensureIndex(schema.name, f.name);
    }
    seedFixedRecords(this);
  }

  /**
   * The next SystemModstamp: strictly after every earlier one in this org, so a pull of
   * `SystemModstamp > last seen` never misses a change, even when the test clock stands still.
   */
  nextStamp(): string {
    this.lastStamp = Math.max(this.clock.now(), this.lastStamp + 1);
    return formatDateTime(this.lastStamp);
  }

  /** SoqlSource: object name and field types, case-insensitive lookup, canonical answer. */
  describe(objectName: string): SoqlObjectInfo | undefined {
    const schema = this.catalogue.get(objectName);
    if (!schema || !schema.def.queryable) return undefined;
    let info = schema.cache.get('soql') as SoqlObjectInfo | undefined;
    if (!info) {
      const fields = schema.fields.map((f) => ({ name: f.name, type: f.type, referenceTo: f.referenceTo, relationshipName: f.relationshipName }));
      const childRelationships = childRelationshipsOf(this.catalogue, schema.name).flatMap((c) =>
        c.relationshipName === null ? [] : [{ relationshipName: c.relationshipName, childSObject: c.childSObject, field: c.field }],
      );
      info = { name: schema.name, fields, childRelationships };
      schema.cache.set('soql', info);
    }
    return info;
  }

  /** SoqlSource: every record of the object, deleted ones too unless `includeDeleted` is false. */
  records(objectName: string, options?: { includeDeleted?: boolean }): Iterable<SoqlRecord> {
    const schema = this.catalogue.get(objectName);
    if (!schema) return [];
    const all = this.store.table(schema.name).values();
    if (options?.includeDeleted !== false) return all;
    return (function* live() {
      for (const r of all) if (r['IsDeleted'] !== true) yield r;
    })();
  }

  /** Insert records all-or-none, as the API would, allowing audit fields. */
  seed(object: string, records: Record<string, unknown>[]): { ids: string[] } | { error: SfErrorBody } {
    const schema = this.catalogue.get(object);
    if (!schema) return { error: { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' } };
    const savepoint = this.store.savepoint();
    const ids: string[] = [];
    for (const record of records) {
      const result = createRecord(this, schema, record, true);
      if (!result.ok) {
        this.store.rollback(savepoint);
        this.store.release(savepoint);
        const { errorCode, message, fields } = result.error;
        return { error: fields.length > 0 ? { errorCode, message, fields } : { errorCode, message } };
      }
      ids.push(result.id);
    }
    this.store.release(savepoint);
    return { ids };
  }

  /** Add a custom field; existing records get its default (false for checkboxes, else null). */
  addCustomField(spec: CustomFieldSpec): { ok: true } | { error: SfErrorBody } {
    const added = this.catalogue.addCustomField(spec, this.clock.now());
    if ('error' in added) return added;
    const { schema, field } = added;
    // In-place backfill is safe: no request is running, so no journal entry refers to these objects.
    for (const record of this.store.table(schema.name).values()) record[field.name] = field.defaultValue ?? null;
    if (field.unique || field.externalId) this.store.ensureIndex(schema.name, field.name);
    return { ok: true };
  }

  /** Live records of an object (0 for unknown objects). */
  count(object: string): number {
    const schema = this.catalogue.get(object);
    return schema ? this.store.liveCount(schema.name) : 0;
  }

  /** Drop every record and cursor; custom fields, the org's user and its Organization row stay. */
  clear(): void {
    this.store.clear();
    this.cursors.clear();
    seedFixedRecords(this);
  }
}

/** Factory the platform calls when it creates an org. */
export const createOrgData: CreateOrgData = (options) => new SandboxOrg(options);
