/** Turns the Lua scripts' replies, and a window's bytes, into the limiter's values. */
import { WindowBuffer } from './window-buffer.ts';
import { SLOTS, bucketOf } from './window.ts';
import type { Decision, DenialReason, LimiterSnapshot, OrgObservation } from './types.ts';

const REASONS: Record<number, DenialReason> = { 1: 'BUDGET_EXHAUSTED', 2: 'ORG_RESERVE_REACHED', 3: 'ORG_LIMIT_REACHED' };

/** admit-1.lua's reply → Decision (with the ticket `settle` needs when allowed). */
export function decisionFromReply(reply: number[], cap: number, cost: number): Decision {
  const [allowed, reason, remaining, retryAfterMs, resetAt, used, bucket, now, admittedBefore, inFlightBefore, seq, probe] = reply.map<number>(Number);
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
  if (decision.allowed) decision.ticket = { cost, bucket: decision.bucket, admittedBefore: admittedBefore ?? 0, inFlightBefore: inFlightBefore ?? 0, seq: seq ?? 0 };
  if (probe === 1) decision.probe = true;
  return decision;
}

/**
 * A window as it stands at `now`: buckets that left it since its last admit are skipped, and the
 * org estimate (orgBase + admitted) is reported with Salesforce's last figure.
 */
export function snapshotOfWindow(now: number, window: WindowBuffer | undefined): LimiterSnapshot {
  const w = window ?? new WindowBuffer();
  const last = w.get('last');
  const current = Math.max(bucketOf(now), last);
  const firstBucket = current - SLOTS + 1;
  const counts: number[] = [];
  let total = 0;
  for (let b = firstBucket; b <= current; b++) {
    const v = last !== 0 && b <= last && b > last - SLOTS ? w.count(b) : 0;
    counts.push(v);
    total += v;
  }
  const snapshot: LimiterSnapshot = { now, firstBucket, counts, total };
  const orgLimit = w.get('orgLimit');
  if (orgLimit > 0) {
    const org: OrgObservation = {
      used: w.get('orgObserved'),
      limit: orgLimit,
      estimatedUsed: Math.max(0, w.get('orgBase') + w.get('admitted')),
      observedAt: w.get('orgSeenAt'),
      inFlight: w.inFlightTotal(),
    };
    if (w.get('exhausted') === 1) org.exhaustedUntil = Math.max(w.get('probeAt'), now);
    snapshot.org = org;
  }
  return snapshot;
}
