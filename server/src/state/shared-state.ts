/**
 * The few shared-state operations the service needs besides the limiter, over Redis (several
 * instances) or this process (embedded mode). Repositories are written once against this.
 */
export interface SharedState {
  getJson<T>(key: string): Promise<T | undefined>;
  setJson(key: string, value: unknown, ttlMs?: number): Promise<void>;
  /** Set only when absent; true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  del(...keys: string[]): Promise<void>;
  /** Add `by` to several fields of a hash at once and keep it `ttlMs` longer. */
  incrementFields(key: string, increments: Record<string, number>, ttlMs: number): Promise<void>;
  readCounters(key: string): Promise<Record<string, number>>;
  /** Push to the head of a capped list. */
  pushCapped(key: string, value: string, max: number, ttlMs?: number): Promise<void>;
  readList(key: string, max: number): Promise<string[]>;
  addToSet(key: string, member: string): Promise<void>;
  removeFromSet(key: string, member: string): Promise<void>;
  members(key: string): Promise<string[]>;
  /** Every key that starts with `prefix` (SCAN; for cleanup and memory reports, not hot paths). */
  keysWithPrefix(prefix: string): Promise<string[]>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
