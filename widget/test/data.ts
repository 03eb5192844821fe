/** API answers for the component tests, shaped as GET /usage and /checklist return them. */
import type { ChecklistReport, UsageReport } from '../src/shared/types.ts';

export const AS_OF_MS = Date.parse('2026-03-10T12:00:00.000Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function perHour(calls: number[]): UsageReport['perHour'] {
  const first = AS_OF_MS - 23 * HOUR;
  return calls.map((c, i) => ({ start: iso(first + i * HOUR), calls: c }));
}

const HOURLY = [120, 80, 40, 20, 10, 10, 30, 90, 260, 540, 480, 420, 390, 360, 300, 240, 200, 160, 140, 120, 100, 90, 80, 120];

/** A healthy org: 28% of the budget, Salesforce has reported the org's usage. */
export function usageOk(over: Partial<UsageReport> = {}): UsageReport {
  const used = 4_200;
  return {
    asOf: iso(AS_OF_MS),
    asOfMs: AS_OF_MS,
    budget: 15_000,
    used,
    remaining: 15_000 - used,
    state: 'ok',
    reservePercent: 10,
    org: {
      limit: 100_000, used: 52_300, reported: 52_000, observedAt: iso(AS_OF_MS - 60_000), observedAtMs: AS_OF_MS - 60_000,
      exhaustedUntil: null, reserve: 10_000, cap: 90_000, othersUsed: 48_100,
    },
    byRelationship: [
      { relationship: 'leads', direction: 'push', calls: 1_900 },
      { relationship: 'contacts', direction: 'pull', calls: 1_200 },
      { relationship: 'lead-score', direction: 'push', calls: 700 },
      { relationship: 'custom-fields', direction: 'settings', calls: 400 },
    ],
    perHour: perHour(HOURLY),
    nextReleaseAt: iso(AS_OF_MS + 2 * HOUR + 5 * 60_000),
    nextReleaseAtMs: AS_OF_MS + 2 * HOUR + 5 * 60_000,
    releaseCurve: [],
    forecast: { ratePerHour: 175, cap: 13_500, exhaustedAt: null, exhaustedAtMs: null },
    denied: 0,
    ...over,
  };
}

/** 85% of the budget; at this pace it runs out at 18:30. */
export function usageWarning(): UsageReport {
  const at = AS_OF_MS + 6.5 * HOUR;
  return usageOk({
    used: 12_750, remaining: 2_250, state: 'warning',
    forecast: { ratePerHour: 800, cap: 13_500, exhaustedAt: iso(at), exhaustedAtMs: at },
  });
}

/** The sync's share of the budget is spent; calls come back at 14:05. */
export function usageExhausted(over: Partial<UsageReport> = {}): UsageReport {
  return usageOk({
    used: 13_500, remaining: 1_500, state: 'exhausted', denied: 320,
    org: { ...usageOk().org!, used: 61_600, reported: 61_400, othersUsed: 48_100 },
    forecast: { ratePerHour: 900, cap: 13_500, exhaustedAt: iso(AS_OF_MS), exhaustedAtMs: AS_OF_MS },
    ...over,
  });
}

/** A fresh org: nothing counted, Salesforce never reported. */
export function usageNoData(): UsageReport {
  return usageOk({
    used: 0, remaining: 15_000, org: null, byRelationship: [], perHour: perHour(HOURLY.map(() => 0)),
    nextReleaseAt: null, nextReleaseAtMs: null,
  });
}

type Item = ChecklistReport['items'][number];
const ITEMS: Item[] = [
  { id: 'error-log', title: 'Resolve errors in the Salesforce error log', status: 'ok', figure: { label: 'Errors in the last 24 h', value: 0, unit: 'errors' }, estimatedDailySavings: 0, action: 'Nothing to do: no sync errors in the last 24 hours.' },
  { id: 'unused-fields', title: 'Set unused fields to “Do not include”', status: 'ok', figure: { label: 'Mapped fields never filled', value: 0, unit: 'fields' }, estimatedDailySavings: 0, action: 'Every mapped field carries data.' },
  { id: 'phone-conflict-rule', title: 'Use “Always use CRM value” for Phone', status: 'ok', figure: { label: 'Phone conflicts', value: 0, unit: 'calls' }, estimatedDailySavings: 0, action: 'The Phone mapping already uses the CRM value.' },
  { id: 'custom-fields', title: 'Sync fewer custom fields', status: 'ok', figure: { label: 'Custom fields synced', value: 6, unit: 'fields' }, estimatedDailySavings: 0, action: 'Six custom fields is within the usual range.' },
  { id: 'other-integrations', title: 'Check other integrations using API calls', status: 'ok', figure: { label: "Other integrations' share of org usage", value: 12, unit: 'percent' }, estimatedDailySavings: 0, action: 'Other integrations use a small share of the org limit.' },
];

/** Every check passes. */
export function checklistAllOk(): ChecklistReport {
  return { asOf: iso(AS_OF_MS), estimatedDailySavings: 0, items: ITEMS.map((item) => ({ ...item })) };
}

/** Two checks need attention: 42 sync errors and 1 unused field. */
export function checklistAttention(): ChecklistReport {
  const items = ITEMS.map((item) => ({ ...item }));
  items[0] = { ...items[0]!, status: 'attention', figure: { label: 'Errors in the last 24 h', value: 42, unit: 'errors' }, estimatedDailySavings: 840, action: 'Open the Salesforce Error Log tab and fix the 42 failing records; each failure is retried.' };
  items[1] = { ...items[1]!, status: 'attention', figure: { label: 'Mapped fields never filled', value: 1, unit: 'fields' }, estimatedDailySavings: 360, action: 'Set Fax to Unassigned / Do not include.' };
  return { asOf: iso(AS_OF_MS), estimatedDailySavings: 1_200, items };
}

/** An RFC 9457 body as the API sends it. */
export function problem(status: number, code: string, title: string, detail: string): Record<string, unknown> {
  return { type: `https://callbudget.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`, title, status, detail, code };
}
