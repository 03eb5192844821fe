/** Turns the Lua scripts' replies into the limiter's values. */
import { bucketOf } from './window.ts';
import type { Decision, DenialReason, LimiterSnapshot, OrgObservation } from './types.ts';

const REASONS: Record<number, DenialReason> = { 1: 'BUDGET_EXHAUSTED', 2: 'ORG_RESERVE_REACHED', 3: 'ORG_LIMIT_REACHED' };

/** `{allowed, reason, remaining, retryAfterMs, resetAt, used, bucket, now}` → Decision. */
export function decisionFromReply(reply: number[], cap: number): Decision {
  const [allowed, reason, remaining, retryAfterMs, resetAt, used, bucket, now] = reply.map(Number) as number[];
  const decision: Decision = {
    allowed: allowed === 1,
    remaining: remaining ?? 0,
    limit: cap,
    retryAfterMs: retryAfterMs === -1 ? null : (retryAfterMs ?? 0),
    resetAt: resetAt ?? 0,
    used: used ?? 0,
    bucket: bucket ?? 0,
    now: now ?? 0,
  };
  const why = REASONS[reason ?? 0];
  if (why) decision.reason = why;
  return decision;
}

function metaMap(flat: Buffer[]): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i + 1 < flat.length; i += 2) map.set(String(flat[i]), Number(String(flat[i + 1])));
  return map;
}

/** Reads the packed big-endian u32 counters; slots not written since `last` belong to expired buckets. */
export function snapshotFromReply(reply: [Buffer | number, Buffer, Buffer[]], slots: number): LimiterSnapshot {
  const now = Number(String(reply[0]));
  const packed = reply[1];
  const meta = metaMap(reply[2]);
  const current = bucketOf(now);
  const last = meta.get('last') ?? current;
  const slotValue = (bucket: number): number => {
    if (bucket > last || bucket <= last - slots) return 0;
    const offset = (bucket % slots) * 4;
    return offset + 4 <= packed.length ? packed.readUInt32BE(offset) : 0;
  };
  return buildSnapshot(now, slots, slotValue, meta, last);
}

/** Shared by both stores: the live buckets, and the org estimate less what left the window since `last`. */
export function buildSnapshot(now: number, slots: number, slotValue: (bucket: number) => number, meta: Map<string, number>, last: number): LimiterSnapshot {
  const current = Math.max(bucketOf(now), last);
  const firstBucket = current - slots + 1;
  const counts: number[] = [];
  let total = 0;
  for (let b = firstBucket; b <= current; b++) {
    const v = slotValue(b);
    counts.push(v);
    total += v;
  }
  let releasedSinceLast = 0;
  for (let b = last - slots + 1; b < firstBucket; b++) releasedSinceLast += slotValue(b);
  const snapshot: LimiterSnapshot = { now, firstBucket, counts, total };
  const orgUsed = meta.get('orgUsed');
  const orgLimit = meta.get('orgLimit');
  if (orgUsed !== undefined && orgLimit !== undefined) {
    const org: OrgObservation = {
      used: meta.get('orgObserved') ?? orgUsed,
      limit: orgLimit,
      estimatedUsed: Math.max(0, orgUsed - releasedSinceLast),
      observedAt: meta.get('orgSeenAt') ?? now,
    };
    const probeAt = meta.get('probeAt');
    if (probeAt !== undefined && probeAt > now) org.exhaustedUntil = probeAt;
    snapshot.org = org;
  }
  return snapshot;
}
