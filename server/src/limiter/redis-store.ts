/** Redis limiter store: one Lua script per decision, one round trip, Redis TIME as the clock. */
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { keys } from '../keys.ts';
import { SLOTS } from './window.ts';
import { decisionFromReply, snapshotFromReply } from './redis-replies.ts';
import { DEFAULT_PROBE_MS, WINDOW_TTL_MS, type Decision, type LimiterSnapshot, type LimiterStore, type StoreAdmitRequest, type StoreTiming } from './types.ts';

/** The scripts, by the command name they are defined as. Files are named `<name>-<numberOfKeys>.lua`. */
export const LIMITER_SCRIPTS = {
  cbAdmit: { file: 'admit-2.lua', keys: 2 },
  cbObserve: { file: 'observe-1.lua', keys: 1 },
  cbRefund: { file: 'refund-2.lua', keys: 2 },
  cbSnapshot: { file: 'snapshot-2.lua', keys: 2 },
} as const;

/** Source of a limiter script. */
export function scriptSource(file: string): string {
  return readFileSync(new URL(`./lua/${file}`, import.meta.url), 'utf8');
}

type ScriptCall = (...args: (string | number)[]) => Promise<unknown>;
type ScriptedRedis = Redis & Record<keyof typeof LIMITER_SCRIPTS | 'cbSnapshotBuffer', ScriptCall>;

/** Create a store on an existing connection (the caller owns and closes it unless `ownsConnection`). */
export function createRedisStore(redis: Redis, timing: StoreTiming = {}, ownsConnection = false): LimiterStore {
  for (const [name, script] of Object.entries(LIMITER_SCRIPTS)) {
    redis.defineCommand(name, { numberOfKeys: script.keys, lua: scriptSource(script.file) });
  }
  const r = redis as ScriptedRedis;
  const probeMs = timing.probeMs ?? DEFAULT_PROBE_MS;
  const offset = (): number => timing.pinnedNow?.() ?? 0;

  return {
    async admit(q: StoreAdmitRequest): Promise<Decision> {
      const reply = await r.cbAdmit(keys.windowBuckets(q.orgId), keys.windowMeta(q.orgId), q.cost, q.cap, q.reservePermille, q.sharePermille, offset(), probeMs, WINDOW_TTL_MS);
      const decision = decisionFromReply(reply as number[], q.cap);
      if (decision.allowed) decision.ticket = { cost: q.cost, bucket: decision.bucket, admittedBefore: 0, inFlightBefore: 0 };
      return decision;
    },
    async observe(orgId, report): Promise<void> {
      await r.cbObserve(keys.windowMeta(orgId), report.used, report.limit, report.exhausted ? 1 : 0, offset(), probeMs, WINDOW_TTL_MS);
    },
    async settle(orgId, ticket, outcome): Promise<void> {
      // interim: the in-flight accounting lands with the new admission model
      if (!outcome.counted) await r.cbRefund(keys.windowBuckets(orgId), keys.windowMeta(orgId), ticket.cost, ticket.bucket);
      if (outcome.report) await this.observe(orgId, outcome.report);
    },
    async snapshot(orgId): Promise<LimiterSnapshot> {
      const reply = await r.cbSnapshotBuffer(keys.windowBuckets(orgId), keys.windowMeta(orgId), offset());
      return snapshotFromReply(reply as [Buffer, Buffer, Buffer[]], SLOTS);
    },
    async forget(orgId): Promise<void> {
      await redis.del(keys.windowBuckets(orgId), keys.windowMeta(orgId));
    },
    async ping(): Promise<boolean> {
      return (await redis.ping()) === 'PONG';
    },
    async close(): Promise<void> {
      if (ownsConnection) await redis.quit();
    },
  };
}
