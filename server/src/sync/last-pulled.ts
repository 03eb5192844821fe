/**
 * The LastModifiedDate of each record as last pulled, for the `recent` conflict rule: a CRM change
 * older than the Salesforce change we saw is not pushed over it. Kept a day per record, so memory
 * follows the records pulled in the last 24 h; without an entry the CRM value is written.
 */
import type { SharedState } from '../state/shared-state.ts';
import { syncKeys } from './sync-keys.ts';

export const LAST_PULLED_TTL_MS = 24 * 60 * 60_000;

/** Remember when Salesforce last changed each pulled record. */
export async function rememberPulled(state: SharedState, orgId: string, entries: readonly { id: string; at: number }[]): Promise<void> {
  await Promise.all(entries.map((e) => state.setJson(syncKeys.lastPulled(orgId, e.id), e.at, LAST_PULLED_TTL_MS)));
}

/** The last pulled LastModifiedDate per record id (15-character key) of those known. */
export async function lastPulled(state: SharedState, orgId: string, ids: readonly string[]): Promise<Map<string, number>> {
  const unique = [...new Set(ids.map((id) => id.slice(0, 15)))];
  const values = await Promise.all(unique.map((id) => state.getJson<number>(syncKeys.lastPulled(orgId, id))));
  const known = new Map<string, number>();
  unique.forEach((id, i) => {
    const at = values[i];
    if (typeof at === 'number') known.set(id, at);
  });
  return known;
}
