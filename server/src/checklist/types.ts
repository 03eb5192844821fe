/** The checklist's shape: the seed's five ways to spend fewer API calls, each measured for one org. */

import type { ApiSchema } from '../http/api-types.ts';

/** GET /checklist as openapi.yaml declares it (generated types). */
export type Checklist = ApiSchema<'Checklist'>;
/** One way to spend fewer calls; `estimatedDailySavings` follows the model in `details.model`. */
export type ChecklistItem = ApiSchema<'ChecklistItem'>;
export type ChecklistItemId = ChecklistItem['id'];
export type Figure = ChecklistItem['figure'];

/** The look-back of every item. */
export const DAY_MS = 24 * 3_600_000;

/** A percentage with one decimal. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}
