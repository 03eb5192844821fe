/**
 * In-memory records of one org: a Map per object (keeps insertion order, O(1) by id), value
 * indexes for unique and external-id fields, and an undo journal so allOrNone requests can be
 * rolled back. Stored records are never mutated after `put` (copy-on-write), which is what makes
 * undo a matter of putting the previous object back.
 */
import { scalarText } from '../scalar-text.ts';

/** A stored record: null-prototype object with canonical field names. */
export type StoredRecord = Record<string, unknown>;

interface UndoEntry {
  object: string;
  id: string;
  previous: StoredRecord | undefined;
}

type ValueIndex = Map<string, Set<string>>;

/** Index key of a value: text compares case-insensitively, as Salesforce's external ids do. */
function indexKey(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value.toLowerCase() : scalarText(value);
}

/** The records of one org, with indexes and an undo journal. */
export class RecordStore {
  private readonly tables = new Map<string, Map<string, StoredRecord>>();
  private readonly indexes = new Map<string, Map<string, ValueIndex>>();
  private readonly live = new Map<string, number>();
  private journal: UndoEntry[] = [];

  /** All records of an object (deleted ones included), in insertion order. */
  table(object: string): Map<string, StoredRecord> {
    let t = this.tables.get(object);
    if (!t) {
      t = new Map();
      this.tables.set(object, t);
    }
    return t;
  }

  /** A record by canonical 18-character id, deleted or not. */
  get(object: string, id: string): StoredRecord | undefined {
    return this.tables.get(object)?.get(id);
  }

  /** Number of live records of an object. */
  liveCount(object: string): number {
    return this.live.get(object) ?? 0;
  }

  /** Start indexing a field (unique or external id); existing values are indexed too. */
  ensureIndex(object: string, field: string): void {
    const byField = this.indexes.get(object) ?? new Map<string, ValueIndex>();
    this.indexes.set(object, byField);
    if (byField.has(field)) return;
    const index: ValueIndex = new Map();
    byField.set(field, index);
    for (const [id, rec] of this.table(object)) this.addToIndex(index, rec[field], id);
  }

  /** Ids of live records whose indexed field equals the value (case-insensitive for text). */
  find(object: string, field: string, value: unknown): string[] {
    const key = indexKey(value);
    const ids = key === undefined ? undefined : this.indexes.get(object)?.get(field)?.get(key);
    if (!ids) return [];
    return [...ids].filter((id) => this.get(object, id)?.['IsDeleted'] !== true);
  }

  /** Store a record version, journaling the previous one for rollback. */
  put(object: string, id: string, record: StoredRecord): void {
    const table = this.table(object);
    const previous = table.get(id);
    this.journal.push({ object, id, previous });
    this.replace(object, table, id, previous, record);
  }

  /** A point to roll back to. */
  savepoint(): number {
    return this.journal.length;
  }

  /** Undo every put since the savepoint, newest first. */
  rollback(savepoint: number): void {
    while (this.journal.length > savepoint) {
      const entry = this.journal.pop()!;
      const table = this.table(entry.object);
      this.replace(entry.object, table, entry.id, table.get(entry.id), entry.previous);
    }
  }

  /** Forget the journal once the outermost request is done (nothing can roll back past it). */
  release(savepoint: number): void {
    if (savepoint === 0) this.journal = [];
  }

  /** Drop every record of every object (indexes stay declared). */
  clear(): void {
    this.tables.clear();
    this.live.clear();
    this.journal = [];
    for (const byField of this.indexes.values()) for (const index of byField.values()) index.clear();
  }

  private replace(object: string, table: Map<string, StoredRecord>, id: string, before: StoredRecord | undefined, after: StoredRecord | undefined): void {
    const byField = this.indexes.get(object);
    if (byField) {
      for (const [field, index] of byField) {
        if (before) this.removeFromIndex(index, before[field], id);
        if (after) this.addToIndex(index, after[field], id);
      }
    }
    const wasLive = before !== undefined && before['IsDeleted'] !== true;
    const isLive = after !== undefined && after['IsDeleted'] !== true;
    if (wasLive !== isLive) this.live.set(object, this.liveCount(object) + (isLive ? 1 : -1));
    // Map.set on an existing key keeps its insertion position, so updates keep record order.
    if (after) table.set(id, after);
    else table.delete(id);
  }

  private addToIndex(index: ValueIndex, value: unknown, id: string): void {
    const key = indexKey(value);
    if (key === undefined) return;
    const ids = index.get(key) ?? new Set<string>();
    ids.add(id);
    index.set(key, ids);
  }

  private removeFromIndex(index: ValueIndex, value: unknown, id: string): void {
    const key = indexKey(value);
    if (key === undefined) return;
    const ids = index.get(key);
    ids?.delete(id);
    if (ids && ids.size === 0) index.delete(key);
  }
}
