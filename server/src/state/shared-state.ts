/**
 * The few shared-state operations the service needs besides the limiter, over Redis (several
 * instances) or this process (embedded mode). Repositories are written once against this.
 */
/** How a compare-and-set ended: written, refused (someone else wrote first), or nothing to compare with. */
export type SwapResult = 'swapped' | 'conflict' | 'missing';

export interface SharedState {
  getJson<T>(key: string): Promise<T | undefined>;
  setJson(key: string, value: unknown, ttlMs?: number): Promise<void>;
  /** Write a JSON document only when the key is absent (no TTL); true when this call created it. */
  createJson(key: string, value: unknown): Promise<boolean>;
  /**
   * Compare-and-set: replace the JSON document at `key` with `next` (delete it when `next` is
   * undefined) only if each field of `expected` still holds that scalar value.
   */
  swapJson(key: string, expected: Record<string, string | number>, next: unknown): Promise<SwapResult>;
  /** Tell every instance (every subscriber of `channel`, this one included). */
  publish(channel: string, message: string): Promise<void>;
  /** Hear `channel`. Best effort: a message sent while the connection is down is lost. */
  subscribe(channel: string, listener: (message: string) => void): void;
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
