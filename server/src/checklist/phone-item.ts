/**
 * "Use the Always use CRM value when mapping to the standard Phone Number field." With any other
 * conflict rule, a phone edited on one side is pulled or pushed back, and differently formatted
 * numbers can bounce between the two. We measure the bounces: a change of a record's phone by one
 * side within 24 hours after the other side changed it. Each is counted as one update call that
 * "Always use CRM value" would not have caused (the sync sends a change as it happens).
 */
import type { FieldMapping } from '../sync/default-mappings.ts';
import type { ChecklistItem } from './types.ts';

export const PHONE_RELATIONSHIPS = ['leads', 'contacts'] as const;

export interface PhoneRule {
  relationship: (typeof PHONE_RELATIONSHIPS)[number];
  crmField: string;
  conflict: FieldMapping['conflict'];
  /** Back-and-forth phone changes in the last 24 hours. */
  backAndForth: number;
}

/** The Phone mapping of each phone relationship that has one assigned. */
export function phoneRules(mappings: Readonly<Record<string, readonly FieldMapping[]>>, bouncesOf: (relationship: string) => number): PhoneRule[] {
  return PHONE_RELATIONSHIPS.flatMap((relationship) => {
    const m = (mappings[relationship] ?? []).find((f) => f.salesforceField?.toLowerCase() === 'phone');
    return m ? [{ relationship, crmField: m.crmField, conflict: m.conflict, backAndForth: bouncesOf(relationship) }] : [];
  });
}

/** The phone-conflict-rule item. */
export function phoneItem(rules: readonly PhoneRule[]): ChecklistItem {
  const wrong = rules.filter((r) => r.conflict !== 'crm');
  const measured = rules.reduce((sum, r) => sum + r.backAndForth, 0);
  const attention = wrong.length > 0;
  const names = wrong.map((r) => r.relationship[0]!.toUpperCase() + r.relationship.slice(1)).join(' and ');
  return {
    id: 'phone-conflict-rule',
    title: 'Use "Always use CRM value" for Phone',
    status: attention ? 'attention' : 'ok',
    figure: { label: 'Phone updates that bounced back and forth in the last 24 hours', value: measured, unit: 'calls' },
    estimatedDailySavings: wrong.reduce((sum, r) => sum + r.backAndForth, 0),
    action: attention ? `On the ${names} mapping page, set the Phone Number field's conflict rule to "Always use CRM value".` : 'Phone uses "Always use CRM value" wherever it is mapped.',
    details: {
      relationships: rules,
      model:
        'Each change of a phone by one side within 24 hours after the other side changed it counts as one update call that "Always use CRM value" would avoid; only relationships not yet on that rule count toward the savings.',
    },
  };
}
