/**
 * admit-1.lua's steps over an in-process WindowBuffer, line for line, so the embedded store decides
 * exactly as Redis does (a property test drives both through the same traffic and compares).
 */
import { IN_FLIGHT_MINUTES } from './layout.ts';
import { BUCKET_MS, SLOTS, WINDOW_MS, bucketOf } from './window.ts';
import type { WindowBuffer } from './window-buffer.ts';
import type { Decision, DenialReason, StoreAdmitRequest } from './types.ts';

const REASONS: DenialReason[] = ['BUDGET_EXHAUSTED', 'ORG_RESERVE_REACHED', 'ORG_LIMIT_REACHED'];

/** First bucket in [from, to] holding calls (`to` when none). */
export function firstNonEmpty(w: WindowBuffer, from: number, to: number): number {
  for (let b = from; b <= to; b++) if (w.count(b) > 0) return b;
  return to;
}

/** Move the window to `now`'s minute; true when it moved. */
function advance(w: WindowBuffer, now: number): boolean {
  const current = bucketOf(now);
  const last = w.get('last');
  if (last === 0) {
    w.set('last', current);
    w.set('oldest', current);
    return true;
  }
  if (current <= last) return false;
  let total = w.get('total');
  let oldest = w.get('oldest');
  const goneTo = current - SLOTS;
  if (current - last >= SLOTS) {
    w.clearCounts();
    total = 0;
    oldest = current;
  } else if (oldest <= goneTo) {
    for (let b = oldest; b <= goneTo; b++) {
      total -= w.count(b);
      w.setCount(b, 0);
    }
    total = Math.max(0, total);
    oldest = total === 0 ? current : firstNonEmpty(w, goneTo + 1, current);
  }
  for (let m = Math.max(last + 1, current - IN_FLIGHT_MINUTES + 1); m <= current; m++) w.setInFlight(m, 0);
  w.set('last', current);
  w.set('total', total);
  w.set('oldest', oldest);
  return true;
}

/** Admit or refuse `q` at `now` (a new minute renews the window's TTL, as in Redis). */
export function admitInBuffer(w: WindowBuffer, q: StoreAdmitRequest, now: number, probeMs: number, ttlMs: number): Decision {
  if (advance(w, now)) w.set('expiresAt', now + ttlMs);
  const current = w.get('last');
  let total = w.get('total');
  let oldest = w.get('oldest');
  const orgLimit = w.get('orgLimit');
  const probeAt = w.get('probeAt');
  const orgSeenAt = w.get('orgSeenAt');
  const orgCap = orgLimit > 0 ? Math.floor((Math.floor((orgLimit * (1000 - q.reservePermille)) / 1000) * q.sharePermille) / 1000) : undefined;
  let estimate = w.get('orgBase') + w.get('admitted');

  let reason = 0;
  let probe = false;
  if (w.get('exhausted') === 1) {
    if (now < probeAt) reason = 3;
    else if (total + q.cost > q.cap) reason = 1;
    else probe = true;
  } else if (total + q.cost > q.cap) reason = 1;
  else if (orgCap !== undefined && estimate + q.cost > orgCap) {
    if (q.cost > orgCap || now < Math.max(probeAt, orgSeenAt + probeMs)) reason = 2;
    else probe = true;
  }

  const remaining = (): number => Math.max(0, Math.min(q.cap - total, orgCap === undefined ? Infinity : orgCap - estimate));
  const resetAt = (): number => (total === 0 ? now : (oldest + 1) * BUCKET_MS + WINDOW_MS);
  const base = { limit: q.cap, bucket: current, now };

  if (reason === 0) {
    const ticket = { cost: q.cost, bucket: current, admittedBefore: w.get('admitted'), inFlightBefore: w.inFlightTotal(), seq: w.get('seq') + 1 };
    if (probe) w.set('probeAt', now + probeMs);
    if (total === 0) {
      oldest = current;
      w.set('oldest', oldest);
    }
    total += q.cost;
    estimate += q.cost;
    w.set('total', total);
    w.set('admitted', ticket.admittedBefore + q.cost);
    w.set('seq', ticket.seq);
    w.setInFlight(current, w.inFlight(current) + q.cost);
    w.setCount(current, w.count(current) + q.cost);
    const decision: Decision = { ...base, allowed: true, remaining: remaining(), retryAfterMs: 0, resetAt: resetAt(), used: total, ticket };
    if (probe) decision.probe = true;
    return decision;
  }

  let retryAt: number | undefined;
  if (reason === 3) retryAt = probeAt;
  else if (reason === 2) retryAt = q.cost <= (orgCap ?? 0) ? Math.max(probeAt, orgSeenAt + probeMs) : undefined;
  else if (q.cost <= q.cap) {
    const need = total + q.cost - q.cap;
    let released = 0;
    for (let b = oldest; b <= current && retryAt === undefined; b++) {
      released += w.count(b);
      if (released >= need) retryAt = (b + 1) * BUCKET_MS + WINDOW_MS;
    }
  }
  const decision: Decision = {
    ...base,
    allowed: false,
    reason: REASONS[reason - 1],
    remaining: remaining(),
    retryAfterMs: retryAt === undefined ? null : Math.max(0, retryAt - now),
    resetAt: resetAt(),
    used: total,
  };
  return decision;
}
