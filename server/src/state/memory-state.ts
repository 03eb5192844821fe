/** SharedState in this process, for embedded mode; values expire like Redis keys. */
import type { SharedState } from './shared-state.ts';

interface Entry {
  value: string | Map<string, number> | string[] | Set<string>;
  expiresAt?: number;
}

/** Create an empty in-process state. */
export function createMemoryState(now: () => number = Date.now): SharedState {
  const entries = new Map<string, Entry>();
  const listeners = new Map<string, ((message: string) => void)[]>();
  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const expiry = (ttlMs?: number): number | undefined => (ttlMs ? now() + ttlMs : undefined);
  const withExpiry = (entry: Entry, ttlMs?: number): Entry => {
    const at = expiry(ttlMs);
    if (at !== undefined) entry.expiresAt = at;
    return entry;
  };

  return {
    async getJson<T>(key: string) {
      const entry = live(key);
      return typeof entry?.value === 'string' ? (JSON.parse(entry.value) as T) : undefined;
    },
    async setJson(key, value, ttlMs) {
      entries.set(key, withExpiry({ value: JSON.stringify(value) }, ttlMs));
    },
    async createJson(key, value) {
      if (live(key)) return false;
      entries.set(key, { value: JSON.stringify(value) });
      return true;
    },
    async swapJson(key, expected, next) {
      const entry = live(key);
      if (typeof entry?.value !== 'string') return 'missing';
      const stored = JSON.parse(entry.value) as Record<string, unknown>;
      if (Object.entries(expected).some(([field, value]) => stored[field] !== value)) return 'conflict';
      if (next === undefined) entries.delete(key);
      else entries.set(key, { value: JSON.stringify(next) });
      return 'swapped';
    },
    async publish(channel, message) {
      for (const listener of listeners.get(channel) ?? []) listener(message);
    },
    subscribe(channel, listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    },
    async setIfAbsent(key, value, ttlMs) {
      if (live(key)) return false;
      entries.set(key, withExpiry({ value }, ttlMs));
      return true;
    },
    async del(...keys) {
      for (const key of keys) entries.delete(key);
    },
    async incrementFields(key, increments, ttlMs) {
      const entry = live(key);
      const map = entry?.value instanceof Map ? entry.value : new Map<string, number>();
      for (const [field, by] of Object.entries(increments)) map.set(field, (map.get(field) ?? 0) + by);
      entries.set(key, withExpiry({ value: map }, ttlMs));
    },
    async readCounters(key) {
      const entry = live(key);
      return entry?.value instanceof Map ? Object.fromEntries(entry.value) : {};
    },
    async pushCapped(key, value, max, ttlMs) {
      const entry = live(key);
      const list = Array.isArray(entry?.value) ? entry.value : [];
      list.unshift(value);
      list.length = Math.min(list.length, max);
      entries.set(key, ttlMs ? withExpiry({ value: list }, ttlMs) : { value: list, ...(entry?.expiresAt ? { expiresAt: entry.expiresAt } : {}) });
    },
    async readList(key, max) {
      const entry = live(key);
      return Array.isArray(entry?.value) ? entry.value.slice(0, max) : [];
    },
    async addToSet(key, member) {
      const entry = live(key);
      const set = entry?.value instanceof Set ? entry.value : new Set<string>();
      set.add(member);
      entries.set(key, { value: set });
    },
    async removeFromSet(key, member) {
      const entry = live(key);
      if (entry?.value instanceof Set) entry.value.delete(member);
    },
    async members(key) {
      const entry = live(key);
      return entry?.value instanceof Set ? [...entry.value] : [];
    },
    async keysWithPrefix(prefix) {
      return [...entries.keys()].filter((key) => key.startsWith(prefix) && live(key));
    },
    async ping() {
      return true;
    },
    async close() {
      entries.clear();
      listeners.clear();
    },
  };
}
