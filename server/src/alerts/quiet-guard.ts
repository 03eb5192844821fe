/**
 * Quiet intervals: after an alert of one type is sent for an org, that type stays quiet for the
 * org's interval, on every instance. The shared record is "last sent at" on the limiter's clock
 * (Redis TIME, or pinned in tests), claimed by compare-and-set so two instances never both send.
 * A memo in process answers "still quiet" without a round trip, so a storm of refusals costs no
 * Redis traffic beyond the first.
 */
import { keys } from '../keys.ts';
import type { SharedState } from '../state/shared-state.ts';

export interface QuietGuard {
  /** True when this caller may send an alert of `type` at `at`: none was sent within `quietMs` before. */
  claim(orgId: string, type: string, at: number, quietMs: number): Promise<boolean>;
}

interface Sent {
  sentAt: number;
}

/** Create the guard over shared state. */
export function createQuietGuard(state: SharedState): QuietGuard {
  const memo = new Map<string, number>();
  return {
    async claim(orgId, type, at, quietMs) {
      const local = `${orgId}\0${type}`;
      const seen = memo.get(local);
      if (seen !== undefined && at >= seen && at - seen < quietMs) return false;
      const key = keys.alertQuiet(orgId, type);
      const current = await state.getJson<Sent>(key);
      if (current && at >= current.sentAt && at - current.sentAt < quietMs) {
        memo.set(local, current.sentAt);
        return false;
      }
      const won = current ? (await state.swapJson(key, { sentAt: current.sentAt }, { sentAt: at })) === 'swapped' : await state.createJson(key, { sentAt: at });
      // A lost race means another instance sent it just now.
      memo.set(local, at);
      return won;
    },
  };
}
