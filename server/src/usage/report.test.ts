import { describe, expect, it } from 'vitest';
import { SLOTS, bucketOf, releaseTimeOf } from '../limiter/window.ts';
import type { OrgObservation } from '../limiter/types.ts';
import { buildUsageReport } from './report.ts';
import type { UsageInputs } from './report.ts';
import { HOUR, NOW, windowAt } from './test-snapshots.ts';

const policy = (dailyLimit = 1000, sync = 0.95): UsageInputs['policy'] => ({
  dailyLimit,
  reservePercent: 10,
  thresholds: { interactive: 1, sync, bulk: 0.8 },
});
const org = (estimatedUsed: number, extra: Partial<OrgObservation> = {}): OrgObservation => ({
  used: estimatedUsed - 5,
  limit: 10_000,
  estimatedUsed,
  observedAt: NOW - 30_000,
  inFlight: 0,
  ...extra,
});
/** A report over a window holding `used` calls made two hours ago (no current rate, no releases soon). */
const reportWith = (used: number, observed?: OrgObservation, dailyLimit = 1000) =>
  buildUsageReport({ snapshot: windowAt(NOW, used > 0 ? { 120: used } : {}, observed), policy: policy(dailyLimit), byRelationship: [], denied: 0 });
const sum = (rows: { calls: number }[]): number => rows.reduce((a, r) => a + r.calls, 0);

describe('state', () => {
  // dailyLimit 1000: warning from 800; sync threshold 0.95: exhausted from 950.
  it('moves from ok to warning at 80% of the budget', () => {
    expect(reportWith(799).state).toBe('ok');
    expect(reportWith(800).state).toBe('warning');
  });

  it('moves from warning to exhausted when the sync share of the budget is spent', () => {
    expect(reportWith(949).state).toBe('warning');
    expect(reportWith(950).state).toBe('exhausted');
  });

  it('floors the sync cap', () => {
    // 999 × 0.95 = 949.05: exhausted from 949.
    expect(reportWith(948, undefined, 999).state).toBe('warning');
    expect(reportWith(949, undefined, 999).state).toBe('exhausted');
  });

  it('warns from 80% of the org cap and is exhausted at the org cap', () => {
    // limit 10,000 less 10% reserve: cap 9,000, warning from 7,200.
    expect(reportWith(10, org(7199)).state).toBe('ok');
    expect(reportWith(10, org(7200)).state).toBe('warning');
    expect(reportWith(10, org(8999)).state).toBe('warning');
    expect(reportWith(10, org(9000)).state).toBe('exhausted');
  });

  it('is exhausted while Salesforce refuses, whatever the figures', () => {
    const report = reportWith(10, org(100, { exhaustedUntil: NOW + 60_000 }));
    expect(report.state).toBe('exhausted');
    expect(report.org?.exhaustedUntil).toBe(new Date(NOW + 60_000).toISOString());
  });
});

describe('org', () => {
  it('is null until Salesforce has reported', () => {
    expect(reportWith(10).org).toBeNull();
  });

  it('carries the reserve, the cap and the usage of other integrations', () => {
    expect(reportWith(300, org(1000)).org).toEqual({
      limit: 10_000,
      used: 1000,
      reported: 995,
      observedAt: new Date(NOW - 30_000).toISOString(),
      observedAtMs: NOW - 30_000,
      exhaustedUntil: null,
      reserve: 1000,
      cap: 9000,
      othersUsed: 700,
    });
  });

  it('never reports negative use by others', () => {
    expect(reportWith(300, org(250)).org?.othersUsed).toBe(0);
  });

  it('floors the reserve exactly for any whole percentage', () => {
    const report = buildUsageReport({
      snapshot: windowAt(NOW, {}, org(10, { limit: 100 })),
      policy: { ...policy(), reservePercent: 29 },
      byRelationship: [],
      denied: 0,
    });
    expect(report.org?.reserve).toBe(29);
    expect(report.org?.cap).toBe(71);
    expect(report.reservePercent).toBe(29);
  });
});

describe('buildUsageReport', () => {
  const snapshot = windowAt(NOW, { [SLOTS - 1]: 3, 400: 20, 30: 7, 0: 2 });
  const inputs: UsageInputs = {
    snapshot,
    policy: policy(1000),
    byRelationship: [
      { relationship: 'leads', direction: 'push', calls: 5 },
      { relationship: 'accounts', direction: 'pull', calls: 12 },
      { relationship: 'leads', direction: 'pull', calls: 5 },
      { relationship: 'contacts', direction: 'passthrough', calls: 30 },
    ],
    denied: 17,
  };
  const report = buildUsageReport(inputs);

  it('states the budget, the calls in the window and what is left', () => {
    expect(report.asOf).toBe('2024-03-05T10:37:25.250Z');
    expect(report.asOfMs).toBe(NOW);
    expect(report.budget).toBe(1000);
    expect(report.used).toBe(32);
    expect(report.remaining).toBe(968);
    expect(report.denied).toBe(17);
    expect(report.state).toBe('ok');
  });

  it('never reports negative remaining calls', () => {
    expect(reportWith(1200).remaining).toBe(0);
  });

  it('sorts relationships by calls, most first, without touching the input', () => {
    expect(report.byRelationship.map((r) => `${r.relationship}/${r.direction}:${r.calls}`)).toEqual(['contacts/passthrough:30', 'accounts/pull:12', 'leads/pull:5', 'leads/push:5']);
    expect(inputs.byRelationship[0]?.relationship).toBe('leads');
  });

  it('has hourly series that both account for every call in the window', () => {
    expect(report.perHour).toHaveLength(24);
    expect(sum(report.perHour)).toBe(32);
    expect(report.releaseCurve).toHaveLength(24);
    expect(sum(report.releaseCurve)).toBe(32);
  });

  it('gives the next release as the oldest bucket leaving', () => {
    const at = releaseTimeOf(bucketOf(NOW) - (SLOTS - 1));
    expect(report.nextReleaseAtMs).toBe(at);
    expect(report.nextReleaseAt).toBe(new Date(at).toISOString());
    expect(reportWith(0).nextReleaseAt).toBeNull();
  });

  it("forecasts against the sync cap at the last hour's pace", () => {
    // 9 calls in the last hour; 950 − 32 = 918 left, plus 3 released within the first minute and 20
    // in a little over 17 h: 9 × 24 = 216 < 941, so not within 24 h.
    expect(report.forecast).toEqual({ ratePerHour: 9, cap: 950, exhaustedAt: null, exhaustedAtMs: null });
    const busy = buildUsageReport({ ...inputs, snapshot: windowAt(NOW, { 0: 500 }), policy: policy(1000) });
    // 450 left at 500 per hour: 54 minutes.
    expect(busy.forecast.exhaustedAtMs).toBe(NOW + (450 / 500) * HOUR);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
