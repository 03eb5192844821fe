/** Redis limiter store: one Lua script per decision, one round trip, Redis TIME as the clock. */
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { keys } from '../keys.ts';
import { WindowBuffer } from './window-buffer.ts';
import { decisionFromReply, snapshotOfWindow } from './redis-replies.ts';
import { DEFAULT_PROBE_MS, WINDOW_TTL_MS, type AdmitTicket, type CallSettlement, type Decision, type LimiterSnapshot, type LimiterStore, type StoreAdmitRequest, type StoreTiming } from './types.ts';

/** The scripts, by the command name they are defined as. Files are named `<name>-<numberOfKeys>.lua`. */
export const LIMITER_SCRIPTS = {
  cbAdmit: { file: 'admit-1.lua', keys: 1 },
  cbSettle: { file: 'settle-1.lua', keys: 1 },
  cbSnapshot: { file: 'snapshot-1.lua', keys: 1 },
} as const;

/** Source of a limiter script. */
export function scriptSource(file: string): string {
  return readFileSync(new URL(`./lua/${file}`, import.meta.url), 'utf8');
}

type ScriptCall = (...args: (string | number)[]) => Promise<unknown>;
type ScriptedRedis = Redis & Record<keyof typeof LIMITER_SCRIPTS | 'cbSnapshotBuffer', ScriptCall>;

const NO_TICKET: AdmitTicket = { cost: 0, bucket: 0, admittedBefore: 0, inFlightBefore: 0, seq: 0 };

/** Create a store on an existing connection (the caller owns and closes it unless `ownsConnection`). */
export function createRedisStore(redis: Redis, timing: StoreTiming = {}, ownsConnection = false): LimiterStore {
  for (const [name, script] of Object.entries(LIMITER_SCRIPTS)) {
    redis.defineCommand(name, { numberOfKeys: script.keys, lua: scriptSource(script.file) });
  }
  const r = redis as ScriptedRedis;
  const probeMs = timing.probeMs ?? DEFAULT_PROBE_MS;
  const pinned = (): number => timing.pinnedNow?.() ?? 0;

  const settle = async (orgId: string, t: AdmitTicket, outcome: CallSettlement): Promise<void> => {
    const report = outcome.report;
    await r.cbSettle(
      keys.window(orgId),
      t.cost,
      t.bucket,
      t.admittedBefore,
      t.inFlightBefore,
      t.seq,
      outcome.counted ? 1 : 0,
      report ? 1 : 0,
      report?.used ?? 0,
      report?.limit ?? 0,
      report?.exhausted ? 1 : 0,
      pinned(),
      probeMs,
      WINDOW_TTL_MS,
    );
  };

  return {
    async admit(q: StoreAdmitRequest): Promise<Decision> {
      const reply = await r.cbAdmit(keys.window(q.orgId), q.cost, q.cap, q.reservePermille, q.sharePermille, pinned(), probeMs, WINDOW_TTL_MS);
      return decisionFromReply(reply as number[], q.cap, q.cost);
    },
    settle,
    async observe(orgId, report): Promise<void> {
      await settle(orgId, NO_TICKET, { counted: true, report });
    },
    async snapshot(orgId): Promise<LimiterSnapshot> {
      const [now, packed] = (await r.cbSnapshotBuffer(keys.window(orgId), pinned())) as [Buffer | number, Buffer];
      return snapshotOfWindow(Number(String(now)), packed.length > 0 ? new WindowBuffer(packed) : undefined);
    },
    async forget(orgId): Promise<void> {
      await redis.del(keys.window(orgId));
    },
    async ping(): Promise<boolean> {
      return (await redis.ping()) === 'PONG';
    },
    async close(): Promise<void> {
      if (ownsConnection) await redis.quit();
    },
  };
}
