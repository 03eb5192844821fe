// Public types of the SOQL module (re-exported by index.ts). Kept apart so internal files can
// import them without importing the entry point.
import type { SoqlErrorCode } from './errors.ts';

/** type is a Salesforce describe type: 'id', 'string', 'boolean', 'double', 'datetime', ... */
export interface SoqlFieldInfo {
  name: string;
  type: string;
  /** For lookups: the objects it may point to, and the name of the parent relationship (`Account`). */
  referenceTo?: readonly string[];
  relationshipName?: string | null;
}

/** A child relationship of an object: `Contacts` on Account is Contact.AccountId. */
export interface SoqlChildRelationship {
  relationshipName: string;
  childSObject: string;
  field: string;
}

/** Canonical casing for the object and field names. */
export interface SoqlObjectInfo {
  name: string;
  fields: readonly SoqlFieldInfo[];
  childRelationships?: readonly SoqlChildRelationship[];
}

/**
 * Keys are canonical field names. Date-times are ISO strings ('2026-11-01T00:00:00.000+0000'),
 * dates 'YYYY-MM-DD'. Missing, null and '' all read as null (Salesforce stores no empty text).
 */
export type SoqlRecord = Readonly<Record<string, unknown>>;

export interface SoqlSource {
  /** Looks the name up case-insensitively (as written in the query); returns canonical info. */
  describe(objectName: string): SoqlObjectInfo | undefined;
  /** Called with the canonical object name. */
  records(objectName: string): Iterable<SoqlRecord>;
}

export type SoqlResult =
  | { ok: true; object: string; count: true; totalSize: number }
  /**
   * rows hold exactly the selected fields, canonical casing, in select order (missing → null); a parent
   * path nests under its relationship name (`{Account: {attributes, Name}}` or `Account: null`), a
   * subquery is `{totalSize, done, records}` or null. `fields` are the rows' top-level keys.
   */
  | { ok: true; object: string; count: false; fields: string[]; rows: Record<string, unknown>[] }
  | { ok: false; errorCode: SoqlErrorCode; message: string };

export interface SoqlOptions {
  /** The clock for TODAY, LAST_N_DAYS:n, ... (epoch ms or Date); defaults to Date.now(). */
  now?: number | Date;
  /** `attributes.url` of a related record (parent or child); without it, `attributes` has only `type`. */
  recordUrl?: (type: string, id: string) => string;
}
