/**
 * The usage report an admin reads: where our calls went, how much is left, when calls come back and
 * when the sync would stop at its current pace. Pure: the caller gathers the inputs, so the figures
 * are testable without a store, and every number comes from one snapshot taken at one moment.
 */
import type { ApiSchema } from '../http/api-types.ts';
import type { LimiterPolicy } from '../limiter/limiter.ts';
import type { LimiterSnapshot, OrgObservation } from '../limiter/types.ts';
import { forecastExhaustion } from './forecast.ts';
import { iso, nextReleaseTime, perHour, releaseCurve } from './hourly.ts';

export { perHour, releaseCurve } from './hourly.ts';
export type { HourCalls, ReleaseSlot } from './hourly.ts';
export type { Forecast } from './forecast.ts';

/** Tenths of the budget, or of the org cap, from which the report warns (80%); whole numbers keep the boundary exact. */
const WARNING_TENTHS = 8;

/**
 * GET /usage as openapi.yaml declares it (generated types): a field added there is a type error
 * here until `buildUsageReport` fills it, and the serializer, the docs and the widget follow the spec.
 */
export type UsageReport = ApiSchema<'Usage'>;
/** The org-wide figures Salesforce reported, and the part of them we may take. */
export type OrgUsage = NonNullable<UsageReport['org']>;
/** Calls spent on one relationship in one direction. */
export type RelationshipCalls = UsageReport['byRelationship'][number];
export type Direction = RelationshipCalls['direction'];
export type UsageState = UsageReport['state'];

export interface UsageInputs {
  /** Our window. */
  snapshot: LimiterSnapshot;
  policy: Pick<LimiterPolicy, 'dailyLimit' | 'reservePercent' | 'thresholds'>;
  /** Calls by relationship and direction, summed over the last 24 hourly stats buckets. */
  byRelationship: RelationshipCalls[];
  /** Calls refused by the limiter in the last 24 h. */
  denied: number;
}

/** Build the usage report for one org from one snapshot of its window. */
export function buildUsageReport(inputs: UsageInputs): UsageReport {
  const { snapshot, policy } = inputs;
  const used = snapshot.total;
  const syncCap = Math.floor(policy.dailyLimit * policy.thresholds.sync);
  const org = snapshot.org ? orgUsage(snapshot.org, used, policy.reservePercent) : null;
  const nextReleaseAtMs = nextReleaseTime(snapshot);
  return {
    asOf: iso(snapshot.now),
    asOfMs: snapshot.now,
    budget: policy.dailyLimit,
    used,
    remaining: Math.max(0, policy.dailyLimit - used),
    state: usageState(used, policy.dailyLimit, syncCap, org),
    reservePercent: policy.reservePercent,
    org,
    byRelationship: sortByCalls(inputs.byRelationship),
    perHour: perHour(snapshot),
    nextReleaseAt: nextReleaseAtMs === null ? null : iso(nextReleaseAtMs),
    nextReleaseAtMs,
    releaseCurve: releaseCurve(snapshot),
    forecast: forecastExhaustion(snapshot, syncCap),
    denied: inputs.denied,
  };
}

/** The org block: Salesforce's figures, and the reserve we leave to other integrations. */
export function orgUsage(observed: OrgObservation, ourUsed: number, reservePercent: number): OrgUsage {
  // Multiply before dividing: 100 × (29 / 100) is 28.999…, which would floor to a reserve one call short.
  const reserve = Math.floor((observed.limit * reservePercent) / 100);
  return {
    limit: observed.limit,
    used: observed.estimatedUsed,
    reported: observed.used,
    observedAt: iso(observed.observedAt),
    observedAtMs: observed.observedAt,
    exhaustedUntil: observed.exhaustedUntil === undefined ? null : iso(observed.exhaustedUntil),
    reserve,
    cap: observed.limit - reserve,
    othersUsed: Math.max(0, observed.estimatedUsed - ourUsed),
  };
}

/**
 * Exhausted when the sync can no longer run: its share of our budget is spent, the org's usage has
 * reached its cap, or Salesforce itself is refusing. Warning from 80% of the budget or of the org cap.
 */
export function usageState(used: number, budget: number, syncCap: number, org: OrgUsage | null): UsageState {
  if (used >= syncCap) return 'exhausted';
  if (org && (org.used >= org.cap || org.exhaustedUntil !== null)) return 'exhausted';
  if (used * 10 >= budget * WARNING_TENTHS) return 'warning';
  if (org && org.used * 10 >= org.cap * WARNING_TENTHS) return 'warning';
  return 'ok';
}

// Ties are ordered by name, then direction, so the same figures always render in the same order.
function sortByCalls(rows: RelationshipCalls[]): RelationshipCalls[] {
  return [...rows].sort((a, b) => b.calls - a.calls || a.relationship.localeCompare(b.relationship) || a.direction.localeCompare(b.direction));
}
