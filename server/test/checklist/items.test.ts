/**
 * The item builders from hand-made inputs: each threshold on both sides of its boundary, the
 * savings models, and the error item clearing a day after the last error.
 */
import { describe, expect, it } from 'vitest';
import { buildChecklist } from '../../src/checklist/checklist.ts';
import { customFieldsItem } from '../../src/checklist/custom-fields-item.ts';
import { callsSpentOn, errorItem } from '../../src/checklist/error-item.ts';
import type { FieldStats } from '../../src/checklist/field-stats.ts';
import { otherIntegrationsItem } from '../../src/checklist/other-integrations-item.ts';
import { phoneItem } from '../../src/checklist/phone-item.ts';
import { unusedFieldsItem } from '../../src/checklist/unused-fields-item.ts';
import type { FieldMapping } from '../../src/sync/default-mappings.ts';
import { DEFAULT_MAPPINGS } from '../../src/sync/default-mappings.ts';
import type { ErrorEntry } from '../../src/usage/error-log.ts';
import type { OrgUsage } from '../../src/usage/report.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);
const err = (at: number, errorCode = 'REQUIRED_FIELD_MISSING', perRecord?: { calls: number }): ErrorEntry => ({
  at,
  relationship: 'leads',
  direction: 'push',
  method: 'POST',
  path: '/composite/sobjects',
  status: perRecord ? 200 : 500,
  errorCode,
  ...(perRecord ? { perRecord: true as const, calls: perRecord.calls } : {}),
});

describe('error-log item', () => {
  it('counts only the last 24 hours: it clears a day after the last error', () => {
    const entries = [err(NOW - 23 * HOUR), err(NOW - 25 * HOUR)];
    expect(errorItem({ entries, acknowledgedBefore: 0, now: NOW })).toMatchObject({ status: 'attention', figure: { value: 1 } });
    expect(errorItem({ entries, acknowledgedBefore: 0, now: NOW + 2 * HOUR })).toMatchObject({ status: 'ok', figure: { value: 0 }, estimatedDailySavings: 0 });
  });

  it('does not count acknowledged errors (at or before the mark)', () => {
    const entries = [err(NOW - HOUR), err(NOW - 2 * HOUR)];
    expect(errorItem({ entries, acknowledgedBefore: NOW - HOUR, now: NOW }).figure.value).toBe(0);
    expect(errorItem({ entries, acknowledgedBefore: NOW - HOUR - 1, now: NOW }).figure.value).toBe(1);
  });

  it('spends a whole call per failed call and rounds the records’ shares up once', () => {
    expect(callsSpentOn([err(NOW), err(NOW, 'X', { calls: 1 / 3 }), err(NOW, 'X', { calls: 1 / 3 }), err(NOW, 'X', { calls: 1 / 3 })])).toEqual({ failedCalls: 1, failedRecords: 3, calls: 2 });
    expect(callsSpentOn([err(NOW, 'X', { calls: 1 / 200 })])).toEqual({ failedCalls: 0, failedRecords: 1, calls: 1 });
    const item = errorItem({ entries: [err(NOW, 'B'), err(NOW, 'A'), err(NOW, 'B')], acknowledgedBefore: 0, now: NOW });
    expect(item.estimatedDailySavings).toBe(3);
    expect(item.details?.['topCodes']).toEqual([
      { code: 'B', count: 2 },
      { code: 'A', count: 1 },
    ]);
  });

  it('says when a full log may have lost errors of the day', () => {
    const full = Array.from({ length: 1000 }, (_, i) => err(NOW - i));
    expect(errorItem({ entries: full, acknowledgedBefore: 0, now: NOW }).details?.['truncated']).toBe(true);
    expect(errorItem({ entries: full.slice(1), acknowledgedBefore: 0, now: NOW }).details?.['truncated']).toBe(false);
  });
});

describe('unused-fields item', () => {
  const stats = (entries: Record<string, Partial<FieldStats>>) => new Map([['leads', new Map(Object.entries(entries).map(([f, s]) => [f, { seen: 0, filled: 0, compared: 0, changed: 0, solo: 0, ...s }]))]]);
  const mappings = { leads: DEFAULT_MAPPINGS.leads };

  it('needs 20 records for either verdict', () => {
    expect(unusedFieldsItem(mappings, stats({ title: { seen: 19 } })).figure.value).toBe(0);
    expect(unusedFieldsItem(mappings, stats({ title: { seen: 20 } })).figure.value).toBe(1);
    expect(unusedFieldsItem(mappings, stats({ city: { seen: 40, filled: 40, compared: 19 } })).figure.value).toBe(0);
    expect(unusedFieldsItem(mappings, stats({ city: { seen: 40, filled: 40, compared: 20 } })).details?.['byRelationship']).toEqual({
      leads: [{ crmField: 'city', salesforceField: 'City', reason: 'never-changed', records: 20 }],
    });
    expect(unusedFieldsItem(mappings, stats({ city: { seen: 40, filled: 40, compared: 20, changed: 1 } })).status).toBe('ok');
  });

  it('ignores Unassigned mappings, and saves the updates the flagged fields alone caused', () => {
    const unassigned: FieldMapping[] = DEFAULT_MAPPINGS.leads.map((m) => (m.crmField === 'title' ? { ...m, salesforceField: null } : m));
    expect(unusedFieldsItem({ leads: unassigned }, stats({ title: { seen: 50 } })).status).toBe('ok');
    const item = unusedFieldsItem(mappings, stats({ title: { seen: 50, solo: 4 }, city: { seen: 50, filled: 50, solo: 7 } }));
    expect(item).toMatchObject({ figure: { value: 1 }, estimatedDailySavings: 4, details: { updatesCausedOnlyByTheseFields: 4 } });
  });
});

describe('phone-conflict-rule item', () => {
  const rule = (relationship: 'leads' | 'contacts', conflict: FieldMapping['conflict'], backAndForth: number) => ({ relationship, crmField: 'phone', conflict, backAndForth });

  it('saves only the bounces of relationships not on "Always use CRM value"', () => {
    expect(phoneItem([rule('leads', 'crm', 3), rule('contacts', 'recent', 2)])).toMatchObject({ status: 'attention', figure: { value: 5 }, estimatedDailySavings: 2 });
    expect(phoneItem([rule('leads', 'crm', 3), rule('contacts', 'crm', 2)])).toMatchObject({ status: 'ok', figure: { value: 5 }, estimatedDailySavings: 0 });
    expect(phoneItem([rule('leads', 'salesforce', 0)]).action).toContain('Leads mapping page');
    expect(phoneItem([])).toMatchObject({ status: 'ok', estimatedDailySavings: 0 });
  });
});

describe('custom-fields item', () => {
  const custom = (n: number): FieldMapping[] => Array.from({ length: n }, (_, i) => ({ crmField: `c${i}`, salesforceField: `C${i}__c`, conflict: 'recent' }));
  const calls = (customCalls: number, other: number) => [
    { relationship: 'custom-fields', direction: 'push' as const, calls: customCalls },
    { relationship: 'leads', direction: 'push' as const, calls: other },
  ];

  it('attention above 10 fields or above 25% of calls', () => {
    expect(customFieldsItem({ 'custom-fields': custom(10) }, calls(25, 75))).toMatchObject({ status: 'ok', figure: { value: 10 }, estimatedDailySavings: 0, details: { sharePercent: 25 } });
    expect(customFieldsItem({ 'custom-fields': custom(11) }, calls(25, 75))).toMatchObject({ status: 'attention', estimatedDailySavings: 25 });
    expect(customFieldsItem({ 'custom-fields': custom(1) }, calls(251, 749))).toMatchObject({ status: 'attention', details: { sharePercent: 25.1 } });
    expect(customFieldsItem({ 'custom-fields': custom(1) }, calls(2501, 7499))).toMatchObject({ status: 'attention', details: { sharePercent: 25 } });
  });

  it('counts __c targets anywhere (any case), once per relationship and field, never Unassigned ones', () => {
    const item = customFieldsItem(
      {
        leads: [
          { crmField: 'a', salesforceField: 'Shoe_Size__C', conflict: 'crm' },
          { crmField: 'b', salesforceField: 'Email', conflict: 'crm' },
        ],
        contacts: [
          { crmField: 'a', salesforceField: 'Shoe_Size__c', conflict: 'crm' },
          { crmField: 'z', salesforceField: null, conflict: 'crm' },
        ],
        'lead-score': [
          { crmField: 'score', salesforceField: 'Lead_Score__c', conflict: 'crm' },
          { crmField: 'score2', salesforceField: 'lead_score__c', conflict: 'crm' },
        ],
      },
      [],
    );
    expect(item.figure.value).toBe(3);
  });

  it('savings are the push and pull calls of custom-only relationships, not their settings calls', () => {
    const item = customFieldsItem({ 'custom-fields': custom(1) }, [
      { relationship: 'custom-fields', direction: 'settings', calls: 5 },
      { relationship: 'lead-score', direction: 'push', calls: 3 },
      { relationship: 'custom-fields', direction: 'pull', calls: 2 },
      { relationship: 'leads', direction: 'push', calls: 10 },
    ]);
    expect(item).toMatchObject({ status: 'attention', estimatedDailySavings: 5, details: { customCalls: 10, totalCalls: 20, sharePercent: 50 } });
  });
});

describe('other-integrations item', () => {
  const org = (used: number, othersUsed: number, cap = 1000): OrgUsage => ({
    limit: cap,
    used,
    reported: used,
    observedAt: '',
    observedAtMs: 0,
    exhaustedUntil: null,
    reserve: 0,
    cap,
    othersUsed,
  });

  it('attention above 50% others, or below 10% headroom; never any savings', () => {
    expect(otherIntegrationsItem(org(400, 200), 200)).toMatchObject({ status: 'ok', figure: { value: 50 } });
    expect(otherIntegrationsItem(org(400, 201), 199)).toMatchObject({ status: 'attention', figure: { value: 50.2 }, estimatedDailySavings: 0 });
    // Just over half, though the one-decimal figure shows 50.
    expect(otherIntegrationsItem(org(20_000, 10_001), 9_999)).toMatchObject({ status: 'attention', figure: { value: 50 } });
    expect(otherIntegrationsItem(org(900, 0), 900)).toMatchObject({ status: 'ok', details: { headroom: 100, headroomPercent: 10 } });
    expect(otherIntegrationsItem(org(901, 0), 901)).toMatchObject({ status: 'attention', estimatedDailySavings: 0 });
    expect(otherIntegrationsItem(null, 0)).toMatchObject({ status: 'ok', details: { observed: false } });
  });
});

describe('buildChecklist', () => {
  it('orders the items as the seed does and sums their savings', () => {
    const checklist = buildChecklist({
      snapshot: { now: NOW, total: 0, firstBucket: 0, counts: [] },
      reservePercent: 10,
      mappings: { ...DEFAULT_MAPPINGS, leads: DEFAULT_MAPPINGS.leads.map((m) => (m.crmField === 'phone' ? { ...m, conflict: 'recent' as const } : m)) },
      errors: [err(NOW - HOUR)],
      acknowledgedBefore: 0,
      callHours: [],
      fieldHours: [{ hour: 0, counters: { 'bounce|leads': 3, 'bounce|contacts': 4 } }],
    });
    expect(checklist.items.map((i) => [i.id, i.estimatedDailySavings])).toEqual([
      ['error-log', 1],
      ['unused-fields', 0],
      ['phone-conflict-rule', 3],
      ['custom-fields', 0],
      ['other-integrations', 0],
    ]);
    expect(checklist).toMatchObject({ asOf: new Date(NOW).toISOString(), estimatedDailySavings: 4 });
  });
});
