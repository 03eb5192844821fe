/** SharedState over Redis. */
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import type { SharedState, SwapResult } from './shared-state.ts';

/*
 * Multi-command writes are small scripts, one command each. The explicit pipelines they replace cost
 * a Pipeline object, a Command per step and a socket write of their own on every call, bypassing
 * auto-pipelining; a push counts a dozen fields, so they were among the largest costs of a push.
 */

/** HINCRBY each field, then PEXPIRE. KEYS[1] hash; ARGV[1] ttl ms; then field, increment pairs. */
const INCREMENT_FIELDS_LUA = `
for i = 2, #ARGV, 2 do redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 0`;

/** LPUSH, LTRIM to the newest ARGV[2], and PEXPIRE when ARGV[3] > 0. KEYS[1] list; ARGV[1] value. */
const PUSH_CAPPED_LUA = `
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
if tonumber(ARGV[3]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 0`;

/** Compare-and-set of a JSON document (see the file's header). */
export const SWAP_JSON_LUA = readFileSync(new URL('./lua/swap-json-1.lua', import.meta.url), 'utf8');
const SWAP_RESULTS: Record<string, SwapResult> = { '1': 'swapped', '0': 'conflict', '-1': 'missing' };

type ScriptedRedis = Redis & {
  cbSwapJson(key: string, expected: string, next: string): Promise<number>;
  cbIncrementFields(key: string, ttlMs: number, ...fieldsAndIncrements: (string | number)[]): Promise<unknown>;
  cbPushCapped(key: string, value: string, max: number, ttlMs: number): Promise<unknown>;
};

/** Wrap a connection (the caller closes it unless `ownsConnection`). */
export function createRedisState(redis: Redis, ownsConnection = false): SharedState {
  redis.defineCommand('cbIncrementFields', { numberOfKeys: 1, lua: INCREMENT_FIELDS_LUA });
  redis.defineCommand('cbPushCapped', { numberOfKeys: 1, lua: PUSH_CAPPED_LUA });
  redis.defineCommand('cbSwapJson', { numberOfKeys: 1, lua: SWAP_JSON_LUA });
  const scripted = redis as ScriptedRedis;
  // A connection in subscriber mode can send nothing else: its own, opened on the first subscribe.
  let subscriber: Redis | undefined;
  const listeners = new Map<string, ((message: string) => void)[]>();
  return {
    async getJson<T>(key: string) {
      const raw = await redis.get(key);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    },
    async setJson(key, value, ttlMs) {
      if (ttlMs) await redis.set(key, JSON.stringify(value), 'PX', ttlMs);
      else await redis.set(key, JSON.stringify(value));
    },
    async createJson(key, value) {
      return (await redis.set(key, JSON.stringify(value), 'NX')) === 'OK';
    },
    async swapJson(key, expected, next) {
      const reply = await scripted.cbSwapJson(key, JSON.stringify(expected), next === undefined ? '' : JSON.stringify(next));
      return SWAP_RESULTS[String(reply)]!;
    },
    async publish(channel, message) {
      await redis.publish(channel, message);
    },
    subscribe(channel, listener) {
      if (!subscriber) {
        subscriber = redis.duplicate({ enableAutoPipelining: false });
        subscriber.on('message', (from: string, message: string) => {
          for (const l of listeners.get(from) ?? []) l(message);
        });
      }
      // Fire and forget: subscribe() is synchronous for its callers. Without the subscription this
      // instance misses other instances' announcements, and its caches expire on their own instead.
      if (!listeners.has(channel)) void subscriber.subscribe(channel).catch(() => undefined);
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    },
    async setIfAbsent(key, value, ttlMs) {
      return (await redis.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async del(...keys) {
      if (keys.length) await redis.del(...keys);
    },
    async incrementFields(key, increments, ttlMs) {
      const args: (string | number)[] = [];
      for (const [field, by] of Object.entries(increments)) args.push(field, by);
      await scripted.cbIncrementFields(key, ttlMs, ...args);
    },
    async readCounters(key) {
      const raw = await redis.hgetall(key);
      return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
    },
    async pushCapped(key, value, max, ttlMs) {
      // Calls issued together (an error log's entries) share one auto-pipelined write, in order.
      await scripted.cbPushCapped(key, value, max, ttlMs ?? 0);
    },
    async readList(key, max) {
      return redis.lrange(key, 0, max - 1);
    },
    async addToSet(key, member) {
      await redis.sadd(key, member);
    },
    async removeFromSet(key, member) {
      await redis.srem(key, member);
    },
    async members(key) {
      return redis.smembers(key);
    },
    async keysWithPrefix(prefix) {
      const found: string[] = [];
      let cursor = '0';
      const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
      do {
        const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        cursor = next;
        found.push(...batch);
      } while (cursor !== '0');
      return found;
    },
    async ping() {
      return (await redis.ping()) === 'PONG';
    },
    async close() {
      listeners.clear();
      if (subscriber) await subscriber.quit().catch(() => undefined);
      if (ownsConnection) await redis.quit();
    },
  };
}
