/** SharedState over Redis. */
import type { Redis } from 'ioredis';
import type { SharedState } from './shared-state.ts';

/** Wrap a connection (the caller closes it unless `ownsConnection`). */
export function createRedisState(redis: Redis, ownsConnection = false): SharedState {
  return {
    async getJson<T>(key: string) {
      const raw = await redis.get(key);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    },
    async setJson(key, value, ttlMs) {
      if (ttlMs) await redis.set(key, JSON.stringify(value), 'PX', ttlMs);
      else await redis.set(key, JSON.stringify(value));
    },
    async setIfAbsent(key, value, ttlMs) {
      return (await redis.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async del(...keys) {
      if (keys.length) await redis.del(...keys);
    },
    async incrementFields(key, increments, ttlMs) {
      const pipeline = redis.pipeline();
      for (const [field, by] of Object.entries(increments)) pipeline.hincrby(key, field, by);
      pipeline.pexpire(key, ttlMs);
      await pipeline.exec();
    },
    async readCounters(key) {
      const raw = await redis.hgetall(key);
      return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
    },
    async pushCapped(key, value, max, ttlMs) {
      const pipeline = redis.pipeline().lpush(key, value).ltrim(key, 0, max - 1);
      if (ttlMs) pipeline.pexpire(key, ttlMs);
      await pipeline.exec();
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
      if (ownsConnection) await redis.quit();
    },
  };
}
