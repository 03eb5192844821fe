/**
 * Open query cursors of one org. A query larger than one page keeps its result rows here and
 * hands out locators `<cursorId>-<offset>` (e.g. `01gD0000002HU6KIAW-2000`), as Salesforce does.
 * Like Salesforce, a cursor dies after 15 minutes unused and a user keeps at most 10 open
 * (opening an 11th drops the oldest).
 */
import type { Clock } from '../types.ts';
import type { IdMinter } from './ids.ts';

/** A cursor over one query's result rows. */
export interface QueryCursor {
  id: string;
  rows: readonly Record<string, unknown>[];
  /** Page size asked for when the query ran; later pages keep it unless they ask again. */
  batchSize: number;
  lastUsed: number;
}

const IDLE_MS = 15 * 60_000;
const MAX_OPEN = 10;
const LOCATOR = /^([a-zA-Z0-9]{15,18})-(\d+)$/;

/** The open cursors of one org. */
export class QueryCursors {
  private readonly open = new Map<string, QueryCursor>();

  constructor(
    private readonly clock: Clock,
    private readonly minter: IdMinter,
  ) {}

  /** Keep a result for later pages; returns the cursor id. */
  create(rows: readonly Record<string, unknown>[], batchSize: number): string {
    this.evictIdle();
    while (this.open.size >= MAX_OPEN) {
      const oldest = this.open.keys().next().value as string;
      this.open.delete(oldest);
    }
    const id = this.minter.next('01g');
    this.open.set(id, { id, rows, batchSize, lastUsed: this.clock.now() });
    return id;
  }

  /** Resolve a locator to its cursor and offset; undefined when unknown, malformed or expired. */
  resolve(locator: string): { cursor: QueryCursor; offset: number } | undefined {
    this.evictIdle();
    const m = LOCATOR.exec(locator);
    if (!m) return undefined;
    const cursor = this.open.get(m[1]!);
    const offset = Number(m[2]);
    if (!cursor || offset > cursor.rows.length) return undefined;
    cursor.lastUsed = this.clock.now();
    // Re-insert so Map order stays "least recently used first" for eviction.
    this.open.delete(cursor.id);
    this.open.set(cursor.id, cursor);
    return { cursor, offset };
  }

  /** Close every cursor (org cleared). */
  clear(): void {
    this.open.clear();
  }

  private evictIdle(): void {
    const now = this.clock.now();
    for (const [id, cursor] of this.open) if (now - cursor.lastUsed > IDLE_MS) this.open.delete(id);
  }
}
