/**
 * One org's object catalogue: the standard objects plus the custom fields this org added.
 * Field lookups are case-insensitive (the REST API accepts `lastname`) and go through Maps, so
 * body keys such as `__proto__` or `constructor` can never resolve to a field.
 */
import type { CustomFieldSpec, SfErrorBody } from '../types.ts';
import { customFieldDef } from './custom-fields.ts';
import type { FieldDef, ObjectDef } from './fields.ts';
import { CAMPAIGN, EVENT, USER } from './objects-activity.ts';
import { ORGANIZATION } from './objects-organization.ts';
import { ACCOUNT, CONTACT, LEAD, OPPORTUNITY } from './objects-sales.ts';

/** The standard objects every sandbox org has, in global-describe order. */
export const STANDARD_OBJECTS: readonly ObjectDef[] = [ACCOUNT, CAMPAIGN, CONTACT, EVENT, LEAD, OPPORTUNITY, ORGANIZATION, USER];

/** An object as one org sees it; replaced (not mutated) fields keep cached describes honest. */
export class ObjectSchema {
  readonly def: ObjectDef;
  fields: readonly FieldDef[];
  /** Epoch ms of the last metadata change, whole seconds (HTTP dates have no finer grain). */
  lastModified: number;
  private byLower = new Map<string, FieldDef>();
  /** Caches keyed by whoever builds them (describe JSON, SOQL info); cleared on change. */
  readonly cache = new Map<string, unknown>();

  constructor(def: ObjectDef, createdAt: number) {
    this.def = def;
    this.fields = def.fields;
    this.lastModified = Math.floor(createdAt / 1000) * 1000;
    this.index();
  }

  get name(): string {
    return this.def.name;
  }

  /** Case-insensitive field lookup. */
  field(name: string): FieldDef | undefined {
    return this.byLower.get(name.toLowerCase());
  }

  /** Fields a write must keep unique or index (unique fields and external ids). */
  indexedFields(): FieldDef[] {
    return this.fields.filter((f) => f.unique || f.externalId);
  }

  /** Append a (custom) field and bump lastModified. */
  addField(f: FieldDef, now: number): void {
    this.fields = [...this.fields, f];
    // Strictly later than the previous change, so an If-Modified-Since from the same second
    // still sees the new field.
    this.lastModified = Math.max(Math.floor(now / 1000) * 1000, this.lastModified + 1000);
    this.cache.clear();
    this.index();
  }

  private index(): void {
    this.byLower = new Map(this.fields.map((f) => [f.name.toLowerCase(), f]));
  }
}

/** All objects of one org, looked up by name (any case) or key prefix. */
export class Catalogue {
  private readonly byLower = new Map<string, ObjectSchema>();
  private readonly byPrefix = new Map<string, ObjectSchema>();

  constructor(createdAt: number) {
    for (const def of STANDARD_OBJECTS) {
      const schema = new ObjectSchema(def, createdAt);
      this.byLower.set(def.name.toLowerCase(), schema);
      this.byPrefix.set(def.keyPrefix, schema);
    }
  }

  /** Case-insensitive object lookup. */
  get(name: string): ObjectSchema | undefined {
    return this.byLower.get(name.toLowerCase());
  }

  /** The object an id's key prefix belongs to. */
  byKeyPrefix(prefix: string): ObjectSchema | undefined {
    return this.byPrefix.get(prefix);
  }

  /** Every object, in global-describe order. */
  all(): ObjectSchema[] {
    return [...this.byLower.values()];
  }

  /** Add a custom field; the caller backfills defaults into existing records. */
  addCustomField(spec: CustomFieldSpec, now: number): { schema: ObjectSchema; field: FieldDef } | { error: SfErrorBody } {
    const schema = this.get(spec.object);
    if (!schema) return { error: { errorCode: 'NOT_FOUND', message: `No such sobject: ${spec.object}` } };
    const built = customFieldDef(spec, schema.fields);
    if ('errorCode' in built) return { error: built };
    schema.addField(built, now);
    return { schema, field: built };
  }
}
