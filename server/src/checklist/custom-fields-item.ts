/**
 * "Reduce the amount of custom fields you are syncing." Custom fields are the mappings of the
 * custom-fields and lead-score relationships and any mapping to a `__c` field elsewhere, found from
 * the mapping's names alone (no describe, no call). Their share of calls is the calls of the two
 * relationships that exist only for custom fields over all our calls in the last 24 hours.
 *
 * Savings model: those two relationships' push and pull calls of the last 24 hours — what syncing
 * custom fields on their own costs a day. It is the most that reducing them can save (all of it if
 * you stop syncing them); fewer fields save part of it, as calls follow changed records, not fields.
 */
import type { RelationshipCalls } from '../usage/report.ts';
import type { FieldMapping } from '../sync/default-mappings.ts';
import { percent, type ChecklistItem } from './types.ts';

/** Relationships that sync nothing but custom fields. */
export const CUSTOM_ONLY = ['custom-fields', 'lead-score'] as const;
export const MAX_CUSTOM_FIELDS = 10;
export const MAX_CUSTOM_SHARE_PERCENT = 25;

export interface CustomField {
  relationship: string;
  crmField: string;
  salesforceField: string;
}

const isCustomOnly = (relationship: string): boolean => (CUSTOM_ONLY as readonly string[]).includes(relationship);

/** Assigned mappings that sync a custom field, one per relationship and Salesforce field. */
export function customFields(mappings: Readonly<Record<string, readonly FieldMapping[]>>): CustomField[] {
  const seen = new Set<string>();
  const found: CustomField[] = [];
  for (const [relationship, list] of Object.entries(mappings)) {
    for (const m of list) {
      if (m.salesforceField === null || !(isCustomOnly(relationship) || /__c$/i.test(m.salesforceField))) continue;
      const key = `${relationship}|${m.salesforceField.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ relationship, crmField: m.crmField, salesforceField: m.salesforceField });
    }
  }
  return found;
}

/** The custom-fields item. */
export function customFieldsItem(mappings: Readonly<Record<string, readonly FieldMapping[]>>, calls: readonly RelationshipCalls[]): ChecklistItem {
  const fields = customFields(mappings);
  const total = calls.reduce((sum, c) => sum + c.calls, 0);
  const custom = calls.filter((c) => isCustomOnly(c.relationship));
  const customCalls = custom.reduce((sum, c) => sum + c.calls, 0);
  const syncCalls = custom.filter((c) => c.direction === 'push' || c.direction === 'pull').reduce((sum, c) => sum + c.calls, 0);
  const share = percent(customCalls, total);
  // Compared exactly, not on the rounded share.
  const attention = fields.length > MAX_CUSTOM_FIELDS || customCalls * 100 > total * MAX_CUSTOM_SHARE_PERCENT;
  return {
    id: 'custom-fields',
    title: 'Sync fewer custom fields',
    status: attention ? 'attention' : 'ok',
    figure: { label: 'Custom fields synced', value: fields.length, unit: 'fields' },
    estimatedDailySavings: attention ? syncCalls : 0,
    action: attention
      ? 'Review the custom fields you sync and set the ones nobody uses to Unassigned/Do not include, on the Custom Fields, Lead Score, Leads and Contacts mapping pages.'
      : `You sync ${fields.length} custom field${fields.length === 1 ? '' : 's'}, taking ${share}% of the calls.`,
    details: {
      fields,
      sharePercent: share,
      customCalls,
      totalCalls: total,
      syncCalls,
      thresholds: { fields: MAX_CUSTOM_FIELDS, sharePercent: MAX_CUSTOM_SHARE_PERCENT },
      model: 'Share = calls of the custom-fields and lead-score relationships over all calls in the last 24 hours. Savings = their push and pull calls in that time: the most that syncing fewer custom fields can save.',
    },
  };
}
