/** settle-1.lua's steps over an in-process WindowBuffer, line for line (see that script for the model). */
import { IN_FLIGHT_MINUTES } from './layout.ts';
import { SLOTS } from './window.ts';
import { WindowBuffer } from './window-buffer.ts';
import type { AdmitTicket, CallSettlement } from './types.ts';

/** Settle `ticket` (undefined: a figure not tied to a call); returns the window, made anew when it had expired. */
export function settleInBuffer(existing: WindowBuffer | undefined, ticket: AdmitTicket | undefined, outcome: CallSettlement, now: number, probeMs: number, ttlMs: number): WindowBuffer | undefined {
  const report = outcome.report;
  if (!existing) {
    if (!report || report.limit <= 0) return undefined;
    const w = new WindowBuffer();
    w.set('orgLimit', report.limit);
    w.set('orgObserved', report.used);
    w.set('orgSeenAt', now);
    w.set('orgBase', report.exhausted ? Math.max(report.used, report.limit) : report.used);
    if (report.exhausted) {
      w.set('exhausted', 1);
      w.set('probeAt', now + probeMs);
    }
    w.set('expiresAt', now + ttlMs);
    return w;
  }
  const w = existing;
  const last = w.get('last');
  let cost = 0;
  let back = 0;
  let stale = false;
  let admittedBefore: number;
  let inFlightBefore: number;
  if (ticket) {
    ({ cost, admittedBefore, inFlightBefore } = ticket);
    if (ticket.bucket <= last && ticket.bucket > last - IN_FLIGHT_MINUTES) w.setInFlight(ticket.bucket, Math.max(0, w.inFlight(ticket.bucket) - cost));
    if (!outcome.counted && ticket.bucket <= last && ticket.bucket > last - SLOTS) {
      back = Math.min(cost, w.count(ticket.bucket), w.get('total'));
      if (back > 0) {
        w.setCount(ticket.bucket, w.count(ticket.bucket) - back);
        w.set('total', w.get('total') - back);
        w.set('admitted', w.get('admitted') - back);
      }
    }
    stale = ticket.seq <= w.get('episodeSeq');
  } else {
    inFlightBefore = w.inFlightTotal();
    admittedBefore = w.get('admitted');
  }

  if (report && !(w.get('exhausted') === 1 && stale)) {
    if (report.limit > 0) {
      const figure = report.exhausted ? Math.max(report.used, report.limit) : report.used;
      w.set('orgBase', figure + inFlightBefore - admittedBefore - (cost - back));
      w.set('orgLimit', report.limit);
      w.set('orgObserved', report.used);
      w.set('orgSeenAt', now);
    } else if (report.exhausted && w.get('orgLimit') > 0) {
      w.set('orgBase', w.get('orgLimit') - w.get('admitted'));
      w.set('orgSeenAt', now);
    }
    if (report.exhausted) {
      w.set('exhausted', 1);
      w.set('probeAt', now + probeMs);
      w.set('episodeSeq', w.get('seq'));
    } else {
      w.set('exhausted', 0);
      w.set('probeAt', 0);
    }
  }
  return w;
}
