/**
 * API answers for the component tests. Each starts from a real server answer recorded in
 * fixtures/*.json (`npm run record:fixtures`), so its shape, titles, labels, actions and details are
 * the server's; a test state changes only the figures it is about.
 */
import { readFileSync } from 'node:fs';
import type { ChecklistReport, UsageReport } from '../src/shared/types.ts';

const recorded = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as T;
/** GET /usage and GET /checklist as the server answered them when the fixtures were recorded. */
export const RECORDED_USAGE = recorded<UsageReport>('usage');
export const RECORDED_CHECKLIST = recorded<ChecklistReport>('checklist');

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
    ...RECORDED_USAGE,
    asOf: iso(AS_OF_MS),
    asOfMs: AS_OF_MS,
    budget: 15_000,
    used,
    remaining: 15_000 - used,
    state: 'ok',
    reservePercent: 10,
    org: {
      ...RECORDED_USAGE.org!,
      limit: 100_000,
      used: 52_300,
      reported: 52_000,
      observedAt: iso(AS_OF_MS - 60_000),
      observedAtMs: AS_OF_MS - 60_000,
      exhaustedUntil: null,
      reserve: 10_000,
      cap: 90_000,
      othersUsed: 48_100,
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
    used: 12_750,
    remaining: 2_250,
    state: 'warning',
    forecast: { ratePerHour: 800, cap: 13_500, exhaustedAt: iso(at), exhaustedAtMs: at },
  });
}

/** The sync's share of the budget is spent; calls come back at 14:05. */
export function usageExhausted(over: Partial<UsageReport> = {}): UsageReport {
  return usageOk({
    used: 13_500,
    remaining: 1_500,
    state: 'exhausted',
    denied: 320,
    org: { ...usageOk().org!, used: 61_600, reported: 61_400, othersUsed: 48_100 },
    forecast: { ratePerHour: 900, cap: 13_500, exhaustedAt: iso(AS_OF_MS), exhaustedAtMs: AS_OF_MS },
    ...over,
  });
}

/** A fresh org: nothing counted, Salesforce never reported. */
export function usageNoData(): UsageReport {
  return usageOk({
    used: 0,
    remaining: 15_000,
    org: null,
    byRelationship: [],
    perHour: perHour(HOURLY.map(() => 0)),
    nextReleaseAt: null,
    nextReleaseAtMs: null,
  });
}

type Item = ChecklistReport['items'][number];
type ItemId = Item['id'];

/** The recorded item `id`, with test figures. */
function item(id: ItemId, over: Partial<Item>): Item {
  const found = RECORDED_CHECKLIST.items.find((i) => i.id === id);
  if (!found) throw new Error(`fixtures/checklist.json has no ${id} item`);
  return { ...found, ...over, figure: { ...found.figure, ...over.figure } };
}

const OK_FIGURES: Record<ItemId, number> = { 'error-log': 0, 'unused-fields': 0, 'phone-conflict-rule': 0, 'custom-fields': 6, 'other-integrations': 12 };
const okItems = (): Item[] => RECORDED_CHECKLIST.items.map((i) => item(i.id, { status: 'ok', estimatedDailySavings: 0, figure: { ...i.figure, value: OK_FIGURES[i.id] } }));

/** Every check passes. */
export function checklistAllOk(): ChecklistReport {
  return { ...RECORDED_CHECKLIST, asOf: iso(AS_OF_MS), estimatedDailySavings: 0, items: okItems() };
}

/** Two checks need attention: 42 sync errors and 1 unused field. */
export function checklistAttention(): ChecklistReport {
  const items = okItems();
  items[0] = item('error-log', { status: 'attention', figure: { ...items[0]!.figure, value: 42 }, estimatedDailySavings: 840 });
  items[1] = item('unused-fields', { status: 'attention', figure: { ...items[1]!.figure, value: 1 }, estimatedDailySavings: 360 });
  return { ...RECORDED_CHECKLIST, asOf: iso(AS_OF_MS), estimatedDailySavings: 1_200, items };
}

/** The label the server gives an item's figure. */
export function figureLabel(id: ItemId): string {
  return item(id, {}).figure.label;
}

/** The server's advice for an item. */
export function actionOf(id: ItemId): string {
  return item(id, {}).action;
}

/** An RFC 9457 body as the API sends it. */
export function problem(status: number, code: string, title: string, detail: string): Record<string, unknown> {
  return { type: `https://callbudget.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`, title, status, detail, code };
}
