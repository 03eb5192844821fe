/** Field usage counters of many hours, folded per relationship and CRM field. */
import type { HourCounters } from '../usage/call-recorder.ts';

export interface FieldStats {
  /** Records in which the field took part (sent by a push or read by a pull). */
  seen: number;
  /** Of those, records where it carried a value. */
  filled: number;
  /** Records that changed somewhere and whose previous value of this field we knew. */
  compared: number;
  /** Of those, records where this field changed. */
  changed: number;
  /** Pushed records whose only change was this field. */
  solo: number;
}

const KINDS = new Set<keyof FieldStats>(['seen', 'filled', 'compared', 'changed', 'solo']);

/** relationship → CRM field → stats, summed over `hours`. */
export function foldFieldStats(hours: readonly HourCounters[]): Map<string, Map<string, FieldStats>> {
  const byRelationship = new Map<string, Map<string, FieldStats>>();
  for (const { counters } of hours) {
    for (const [name, n] of Object.entries(counters)) {
      const [kind, rel, field] = name.split('|');
      if (rel === undefined || field === undefined || !KINDS.has(kind as keyof FieldStats)) continue;
      const fields = byRelationship.get(rel) ?? new Map<string, FieldStats>();
      byRelationship.set(rel, fields);
      const stats = fields.get(field) ?? { seen: 0, filled: 0, compared: 0, changed: 0, solo: 0 };
      fields.set(field, stats);
      stats[kind as keyof FieldStats] += n;
    }
  }
  return byRelationship;
}

/** Phone back-and-forth changes of one relationship, summed over `hours`. */
export function bounces(hours: readonly HourCounters[], relationship: string): number {
  let sum = 0;
  for (const { counters } of hours) sum += counters[`bounce|${relationship}`] ?? 0;
  return sum;
}
