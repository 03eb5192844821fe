/**
 * Episodes of refusals, so the first call admitted after one can say "resumed". A refusal of a
 * priority opens its episode once (a shared record plus one pub/sub message, so every instance
 * knows); while none is open, an admitted call checks a map in process and nothing else. Admitting
 * a call of a priority ends the episodes of that priority and of every higher one (a bulk call fits
 * only where a sync call would), and the instance whose compare-and-delete removes the shared record
 * is the one that says so: one "resumed" per episode, whichever instance admits first.
 * An instance started during an episode hears of it at its first refusal, not before.
 */
import { keys } from '../keys.ts';
import { PRIORITIES, type Priority } from '../limiter/types.ts';
import type { SharedState } from '../state/shared-state.ts';

export interface Episodes {
  /** A call of `priority` was refused at `at`. Resolves at once unless this opens an episode. */
  refused(orgId: string, priority: Priority, at: number): Promise<void>;
  /** A call of `priority` was admitted; `undefined` (no work at all) unless an episode may be ending. */
  admitted(orgId: string, priority: Priority): Promise<EndedEpisode | undefined> | undefined;
}

export interface EndedEpisode {
  /** When the earliest episode this call ended began (epoch ms, limiter clock). */
  since: number;
}

interface EpisodeMessage {
  orgId: string;
  priority: Priority;
  since: number;
}

/** Create the episode tracker; it subscribes to the shared channel at once. */
export function createEpisodes(state: SharedState): Episodes {
  const open = new Map<string, Map<Priority, number>>();
  const note = ({ orgId, priority, since }: EpisodeMessage): void => {
    const mine = open.get(orgId) ?? new Map<Priority, number>();
    mine.set(priority, since);
    open.set(orgId, mine);
  };
  state.subscribe(keys.alertEpisodes(), (raw) => {
    try {
      note(JSON.parse(raw) as EpisodeMessage);
    } catch {
      // Not ours to act on.
    }
  });

  async function end(orgId: string, ending: [Priority, number][]): Promise<EndedEpisode | undefined> {
    let since: number | undefined;
    for (const [priority, at] of ending) {
      const removed = await state.swapJson(keys.alertEpisode(orgId, priority), { since: at }, undefined);
      if (removed === 'swapped') since = Math.min(since ?? at, at);
    }
    return since === undefined ? undefined : { since };
  }

  return {
    async refused(orgId, priority, at) {
      if (open.get(orgId)?.has(priority)) return;
      const message: EpisodeMessage = { orgId, priority, since: at };
      note(message);
      await state.setJson(keys.alertEpisode(orgId, priority), { since: at });
      await state.publish(keys.alertEpisodes(), JSON.stringify(message));
    },
    admitted(orgId, priority) {
      const mine = open.get(orgId);
      if (!mine?.size) return undefined;
      const rank = PRIORITIES.indexOf(priority);
      const ending = [...mine.entries()].filter(([q]) => PRIORITIES.indexOf(q) <= rank);
      if (ending.length === 0) return undefined;
      for (const [q] of ending) mine.delete(q);
      return end(orgId, ending);
    },
  };
}
