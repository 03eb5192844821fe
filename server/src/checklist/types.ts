/** The checklist's shape: the seed's five ways to spend fewer API calls, each measured for one org. */

export type ChecklistItemId = 'error-log' | 'unused-fields' | 'phone-conflict-rule' | 'custom-fields' | 'other-integrations';

export interface Figure {
  label: string;
  value: number;
  unit: 'errors' | 'fields' | 'calls' | 'percent';
}

export interface ChecklistItem {
  id: ChecklistItemId;
  title: string;
  status: 'ok' | 'attention';
  figure: Figure;
  /** Calls a day acting on this item would save, by the model in `details.model`; 0 when nothing to do. */
  estimatedDailySavings: number;
  /** The seed's advice, for a Salesforce admin. */
  action: string;
  details?: Record<string, unknown>;
}

export interface Checklist {
  /** The moment the figures describe (ISO-8601). */
  asOf: string;
  /** Sum of the items' estimates. */
  estimatedDailySavings: number;
  items: ChecklistItem[];
}

/** The look-back of every item. */
export const DAY_MS = 24 * 3_600_000;

/** A percentage with one decimal. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}
