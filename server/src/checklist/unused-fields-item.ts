/**
 * "Unused fields should be set to Unassigned/Do not include." A mapped field is unused when, over at
 * least MIN_RECORDS records of the last 24 hours, it never carried a value, or when it had a value
 * but in at least MIN_RECORDS records that changed it never was what changed.
 *
 * Savings model, stated plainly: a call is saved only where a field alone caused an update. From the
 * change tracking we count pushed records whose only change was in one of these fields (each would
 * be one update the sync no longer sends). By their definition unused fields rarely cause one, so
 * the figure is usually 0: unassigning them makes every request smaller and removes conflicts, it
 * rarely removes a call. We report what we measured rather than a hopeful guess.
 */
import type { FieldMapping } from '../sync/default-mappings.ts';
import type { FieldStats } from './field-stats.ts';
import type { ChecklistItem } from './types.ts';

/** Fewer records than this say too little to call a field unused. */
export const MIN_RECORDS = 20;

export interface UnusedField {
  crmField: string;
  salesforceField: string;
  reason: 'always-empty' | 'never-changed';
  /** Records the verdict rests on. */
  records: number;
}

/** Which assigned mappings of one relationship look unused, by their stats. */
export function unusedFields(mappings: readonly FieldMapping[], stats: ReadonlyMap<string, FieldStats> | undefined): UnusedField[] {
  const found: UnusedField[] = [];
  for (const m of mappings) {
    const s = stats?.get(m.crmField);
    if (m.salesforceField === null || !s) continue;
    if (s.seen >= MIN_RECORDS && s.filled === 0) found.push({ crmField: m.crmField, salesforceField: m.salesforceField, reason: 'always-empty', records: s.seen });
    else if (s.compared >= MIN_RECORDS && s.changed === 0) found.push({ crmField: m.crmField, salesforceField: m.salesforceField, reason: 'never-changed', records: s.compared });
  }
  return found;
}

/** The unused-fields item over every relationship's mappings. */
export function unusedFieldsItem(mappings: Readonly<Record<string, readonly FieldMapping[]>>, stats: ReadonlyMap<string, ReadonlyMap<string, FieldStats>>): ChecklistItem {
  const byRelationship: Record<string, UnusedField[]> = {};
  let count = 0;
  let soloUpdates = 0;
  for (const [relationship, list] of Object.entries(mappings)) {
    const found = unusedFields(list, stats.get(relationship));
    if (found.length === 0) continue;
    byRelationship[relationship] = found;
    count += found.length;
    for (const f of found) soloUpdates += stats.get(relationship)?.get(f.crmField)?.solo ?? 0;
  }
  const attention = count > 0;
  return {
    id: 'unused-fields',
    title: 'Set unused fields to Unassigned',
    status: attention ? 'attention' : 'ok',
    figure: { label: 'Mapped fields that are never filled or never change', value: count, unit: 'fields' },
    estimatedDailySavings: attention ? soloUpdates : 0,
    action: attention
      ? 'On the mapping pages, set the fields listed to Unassigned/Do not include. Keep fields that new records need (such as Last Name and Company) even when they never change.'
      : 'Every mapped field carries values and changes.',
    details: {
      byRelationship,
      minRecords: MIN_RECORDS,
      updatesCausedOnlyByTheseFields: soloUpdates,
      model:
        'Calls saved = pushed records of the last 24 hours whose only change was in one of these fields (one update call each). Unused fields seldom cause an update alone, so this is usually 0: unassigning them shrinks every request and avoids conflicts rather than saving calls.',
    },
  };
}
