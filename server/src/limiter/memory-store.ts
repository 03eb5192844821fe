/**
 * In-process limiter store for a single instance (no REDIS_URL). The same algorithm as the Lua
 * scripts, over the same one-minute buckets; both pass the same contract suite.
 */
import { buildSnapshot } from './redis-replies.ts';
import { SLOTS, WINDOW_MS, BUCKET_MS, bucketOf } from './window.ts';
import { DEFAULT_PROBE_MS, type Decision, type LimiterSnapshot, type LimiterStore, type StoreAdmitRequest, type StoreTiming } from './types.ts';

interface OrgWindow {
  buckets: Uint32Array;
  total: number;
  last: number;
  oldest: number;
  meta: Map<string, number>;
}

/** Create a store that lives in this process. */
export function createMemoryStore(timing: StoreTiming = {}): LimiterStore {
  const windows = new Map<string, OrgWindow>();
  const probeMs = timing.probeMs ?? DEFAULT_PROBE_MS;
  const clock = (): number => timing.pinnedNow?.() ?? Date.now();

  const windowOf = (orgId: string, current: number): OrgWindow => {
    let w = windows.get(orgId);
    if (!w) {
      w = { buckets: new Uint32Array(SLOTS), total: 0, last: current, oldest: current, meta: new Map() };
      windows.set(orgId, w);
    }
    return w;
  };

  // Move the window to `current`: buckets that left it give their calls back (admit-2.lua, same steps).
  const advance = (w: OrgWindow, now: number): number => {
    const current = Math.max(bucketOf(now), w.last);
    let released = 0;
    for (let b = Math.max(w.last - SLOTS + 1, current - 2 * SLOTS); b <= current - SLOTS; b++) {
      const slot = b % SLOTS;
      released += w.buckets[slot] ?? 0;
      w.buckets[slot] = 0;
    }
    w.total = Math.max(0, w.total - released);
    const orgUsed = w.meta.get('orgUsed');
    if (orgUsed !== undefined) w.meta.set('orgUsed', Math.max(0, orgUsed - released));
    w.last = current;
    w.oldest = Math.max(w.oldest, current - SLOTS + 1);
    while (w.total > 0 && w.oldest < current && w.buckets[w.oldest % SLOTS] === 0) w.oldest++;
    return current;
  };

  const releaseAt = (w: OrgWindow, need: number): number | undefined => {
    let released = 0;
    for (let b = w.oldest; b <= w.last; b++) {
      released += w.buckets[b % SLOTS] ?? 0;
      if (released >= need) return (b + 1) * BUCKET_MS + WINDOW_MS;
    }
    return undefined;
  };

  const refund = (orgId: string, cost: number, bucket: number): void => {
    const w = windows.get(orgId);
    if (!w || bucket <= w.last - SLOTS || bucket > w.last) return;
    const back = Math.min(cost, w.buckets[bucket % SLOTS] ?? 0, w.total);
    if (back <= 0) return;
    w.buckets[bucket % SLOTS] = (w.buckets[bucket % SLOTS] ?? 0) - back;
    w.total -= back;
    const orgUsed = w.meta.get('orgUsed');
    if (orgUsed !== undefined) w.meta.set('orgUsed', Math.max(0, orgUsed - back));
  };

  return {
    async admit(q: StoreAdmitRequest): Promise<Decision> {
      const now = clock();
      const w = windowOf(q.orgId, bucketOf(now));
      const current = advance(w, now);
      const orgUsed = w.meta.get('orgUsed');
      const orgLimit = w.meta.get('orgLimit');
      const probeAt = w.meta.get('probeAt');
      const orgCap = orgLimit === undefined ? undefined : Math.floor((Math.floor((orgLimit * (1000 - q.reservePermille)) / 1000) * q.sharePermille) / 1000);
      let reason: Decision['reason'];
      if (probeAt !== undefined && now < probeAt) reason = 'ORG_LIMIT_REACHED';
      else if (w.total + q.cost > q.cap) reason = 'BUDGET_EXHAUSTED';
      else if (orgCap !== undefined && (orgUsed ?? 0) + q.cost > orgCap) reason = 'ORG_RESERVE_REACHED';

      if (!reason) {
        if (probeAt !== undefined) w.meta.set('probeAt', now + probeMs);
        if (w.total === 0) w.oldest = current;
        w.buckets[current % SLOTS] = (w.buckets[current % SLOTS] ?? 0) + q.cost;
        w.total += q.cost;
        if (orgUsed !== undefined) w.meta.set('orgUsed', orgUsed + q.cost);
      }
      const ticket = { cost: q.cost, bucket: current, admittedBefore: 0, inFlightBefore: 0 };
      const used = w.meta.get('orgUsed') ?? 0;
      const remaining = Math.max(0, Math.min(q.cap - w.total, orgCap === undefined ? Infinity : orgCap - used));
      const resetAt = w.total === 0 ? now : (w.oldest + 1) * BUCKET_MS + WINDOW_MS;
      const decision: Decision = { allowed: !reason, remaining, limit: q.cap, retryAfterMs: 0, resetAt, used: w.total, bucket: current, now };
      if (!reason) return { ...decision, ticket };

      decision.reason = reason;
      let retryAt: number | undefined;
      if (reason === 'ORG_LIMIT_REACHED') retryAt = probeAt;
      else if (reason === 'BUDGET_EXHAUSTED') retryAt = releaseAt(w, w.total + q.cost - q.cap);
      else {
        retryAt = releaseAt(w, used + q.cost - (orgCap ?? 0));
        if (retryAt === undefined && q.cost <= (orgCap ?? 0)) retryAt = now + probeMs;
      }
      decision.retryAfterMs = retryAt === undefined ? null : Math.max(0, retryAt - now);
      return decision;
    },

    async observe(orgId, report): Promise<void> {
      const now = clock();
      const w = windowOf(orgId, bucketOf(now));
      const limit = report.limit > 0 ? report.limit : w.meta.get('orgLimit');
      if (limit !== undefined) {
        const used = report.limit > 0 ? report.used : limit;
        w.meta.set('orgUsed', report.exhausted ? Math.max(used, limit) : used);
        w.meta.set('orgObserved', used);
        w.meta.set('orgLimit', limit);
        w.meta.set('orgSeenAt', now);
      }
      if (report.exhausted) w.meta.set('probeAt', now + probeMs);
      else w.meta.delete('probeAt');
    },

    async settle(orgId, ticket, outcome): Promise<void> {
      // interim: the in-flight accounting lands with the new admission model
      if (!outcome.counted) refund(orgId, ticket.cost, ticket.bucket);
      if (outcome.report) await this.observe(orgId, outcome.report);
    },


    async snapshot(orgId): Promise<LimiterSnapshot> {
      const now = clock();
      const w = windows.get(orgId);
      if (!w) return buildSnapshot(now, SLOTS, () => 0, new Map(), bucketOf(now));
      const slotValue = (b: number): number => (b > w.last || b <= w.last - SLOTS ? 0 : (w.buckets[b % SLOTS] ?? 0));
      return buildSnapshot(now, SLOTS, slotValue, w.meta, w.last);
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
