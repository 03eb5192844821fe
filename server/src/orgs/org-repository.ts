/**
 * Where orgs are kept: the shared state (Redis in production), so every instance sees every org.
 * Every write is a compare-and-set on the org's incarnation and revision, and tells the other
 * instances (pub/sub) so their short in-process caches drop the old copy at once.
 */
import { keys } from '../keys.ts';
import type { SharedState, SwapResult } from '../state/shared-state.ts';
import { newIncarnation, type Org } from './org.ts';

/** What a compare-and-set compares: which incarnation, which version of it. */
const versionOf = (org: Org): Record<string, string | number> => ({ incarnation: org.incarnation, revision: org.revision });

export interface OrgRepository {
  /** The org, or undefined when absent or being deleted; `fresh` skips the in-process cache. */
  get(id: string, options?: { fresh?: boolean }): Promise<Org | undefined>;
  /** Whatever is stored under the id, deletion marks included (for create and cleanup). */
  stored(id: string): Promise<Org | undefined>;
  list(): Promise<Org[]>;
  /** Claim the id (SET NX); false when it is taken. */
  create(org: Org): Promise<boolean>;
  /** Write `next` only if the stored org is still `previous` (same incarnation and revision). */
  replace(previous: Org, next: Org): Promise<SwapResult>;
  /** Remove the org only if it is still this incarnation. */
  remove(org: Org): Promise<SwapResult>;
  /** Hear every instance's writes: `removed` when the org is gone. */
  watch(listener: (id: string, removed: boolean) => void): void;
}

/** Repository over shared state, with a short in-process cache so the hot path rarely reads it. */
export function createOrgRepository(state: SharedState, cacheMs = 1000, now: () => number = Date.now): OrgRepository {
  const cache = new Map<string, { org: Org; at: number }>();
  const watchers: ((id: string, removed: boolean) => void)[] = [];
  state.subscribe(keys.orgEvents(), (message) => {
    const { id, removed } = JSON.parse(message) as { id: string; removed: boolean };
    cache.delete(id);
    for (const w of watchers) w(id, removed);
  });
  const announce = (id: string, removed: boolean): Promise<void> => state.publish(keys.orgEvents(), JSON.stringify({ id, removed }));
  const live = (org: Org | undefined): Org | undefined => (org && !org.deletingSince ? org : undefined);
  // Orgs stored before incarnations existed get one on first read, written like any change.
  const load = async (id: string): Promise<Org | undefined> => {
    const org = await state.getJson<Org>(keys.orgSettings(id));
    if (!org || org.incarnation) return org;
    const upgraded = { ...org, incarnation: newIncarnation(), revision: org.revision + 1 };
    await state.swapJson(keys.orgSettings(id), { revision: org.revision }, upgraded);
    return state.getJson<Org>(keys.orgSettings(id));
  };

  return {
    async get(id, options = {}) {
      const hit = cache.get(id);
      if (!options.fresh && hit && now() - hit.at < cacheMs) return hit.org;
      const org = live(await load(id));
      // Only orgs that exist are kept: caching misses let requests for made-up ids (CORS looks the
      // org up before any key is checked) grow this map without bound.
      if (org) cache.set(id, { org, at: now() });
      else cache.delete(id);
      return org;
    },
    stored: load,
    async list() {
      const ids = await state.members(keys.orgIndex());
      const orgs = await Promise.all(ids.sort().map(load));
      return orgs.map(live).filter((o): o is Org => o !== undefined);
    },
    async create(org) {
      if (!(await state.createJson(keys.orgSettings(org.id), org))) return false;
      await state.addToSet(keys.orgIndex(), org.id);
      cache.set(org.id, { org, at: now() });
      await announce(org.id, false);
      return true;
    },
    async replace(previous, next) {
      const result = await state.swapJson(keys.orgSettings(previous.id), versionOf(previous), next);
      cache.delete(previous.id);
      if (result === 'swapped') {
        if (!next.deletingSince) cache.set(next.id, { org: next, at: now() });
        await announce(next.id, Boolean(next.deletingSince));
      }
      return result;
    },
    async remove(org) {
      const result = await state.swapJson(keys.orgSettings(org.id), { incarnation: org.incarnation }, undefined);
      cache.delete(org.id);
      if (result === 'swapped') {
        await state.removeFromSet(keys.orgIndex(), org.id);
        await announce(org.id, true);
      }
      return result;
    },
    watch(listener) {
      watchers.push(listener);
    },
  };
}
