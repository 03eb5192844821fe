/**
 * In-process limiter store for a single instance (no REDIS_URL): the Lua scripts' steps over the
 * same bytes (memory-admit.ts, memory-settle.ts), expiring by the same TTL rule, so both stores decide alike.
 */
import { snapshotOfWindow } from './redis-replies.ts';
import { admitInBuffer } from './memory-admit.ts';
import { settleInBuffer } from './memory-settle.ts';
import { WindowBuffer } from './window-buffer.ts';
import { DEFAULT_PROBE_MS, WINDOW_TTL_MS, type AdmitTicket, type CallSettlement, type Decision, type LimiterSnapshot, type LimiterStore, type StoreAdmitRequest, type StoreTiming } from './types.ts';

/** Create a store that lives in this process. */
export function createMemoryStore(timing: StoreTiming = {}): LimiterStore {
  const windows = new Map<string, WindowBuffer>();
  const probeMs = timing.probeMs ?? DEFAULT_PROBE_MS;
  const clock = (): number => timing.pinnedNow?.() ?? Date.now();

  /** The org's window unless its TTL ran out (then it is gone, as the Redis key would be). */
  const live = (orgId: string, now: number): WindowBuffer | undefined => {
    const window = windows.get(orgId);
    if (window && window.get('expiresAt') <= now) {
      windows.delete(orgId);
      return undefined;
    }
    return window;
  };

  const settle = (orgId: string, ticket: AdmitTicket | undefined, outcome: CallSettlement): void => {
    const now = clock();
    const existing = live(orgId, now);
    const window = settleInBuffer(existing, ticket, outcome, now, probeMs, WINDOW_TTL_MS);
    if (window && !existing) windows.set(orgId, window);
  };

  return {
    async admit(q: StoreAdmitRequest): Promise<Decision> {
      const now = clock();
      let window = live(q.orgId, now);
      if (!window) {
        window = new WindowBuffer();
        windows.set(q.orgId, window);
      }
      return admitInBuffer(window, q, now, probeMs, WINDOW_TTL_MS);
    },
    async settle(orgId, ticket, outcome): Promise<void> {
      settle(orgId, ticket, outcome);
    },
    async observe(orgId, report): Promise<void> {
      settle(orgId, undefined, { counted: true, report });
    },
    async snapshot(orgId): Promise<LimiterSnapshot> {
      const now = clock();
      return snapshotOfWindow(now, live(orgId, now));
    },
    async forget(orgId): Promise<void> {
      windows.delete(orgId);
    },
    async ping(): Promise<boolean> {
      return true;
    },
    async close(): Promise<void> {
      windows.clear();
    },
  };
}
