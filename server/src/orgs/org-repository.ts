/** Where orgs are kept: the shared state (Redis in production), so every instance sees every org. */
import { keys } from '../keys.ts';
import type { SharedState } from '../state/shared-state.ts';
import type { Org } from './org.ts';

export interface OrgRepository {
  get(id: string): Promise<Org | undefined>;
  list(): Promise<Org[]>;
  save(org: Org): Promise<void>;
  remove(id: string): Promise<void>;
}

/** Repository over shared state, with a short in-process cache so the hot path rarely reads it. */
export function createOrgRepository(state: SharedState, cacheMs = 1000, now: () => number = Date.now): OrgRepository {
  const cache = new Map<string, { org: Org; at: number }>();
  return {
    async get(id) {
      const hit = cache.get(id);
      if (hit && now() - hit.at < cacheMs) return hit.org;
      const org = await state.getJson<Org>(keys.orgSettings(id));
      // Only orgs that exist are kept: caching misses let requests for made-up ids (CORS looks the
      // org up before any key is checked) grow this map without bound.
      if (org) cache.set(id, { org, at: now() });
      else cache.delete(id);
      return org;
    },
    async list() {
      const ids = await state.members(keys.orgIndex());
      const orgs = await Promise.all(ids.sort().map((id) => state.getJson<Org>(keys.orgSettings(id))));
      return orgs.filter((o): o is Org => o !== undefined);
    },
    async save(org) {
      await state.setJson(keys.orgSettings(org.id), org);
      await state.addToSet(keys.orgIndex(), org.id);
      cache.set(org.id, { org, at: now() });
    },
    async remove(id) {
      await state.del(keys.orgSettings(id));
      await state.removeFromSet(keys.orgIndex(), id);
      cache.delete(id);
    },
  };
}
