/** The JSON the callbudget API answers; mirrors server/src/usage/report.ts and the checklist route. */

export type UsageState = 'ok' | 'warning' | 'exhausted';
export type Direction = 'push' | 'pull' | 'passthrough' | 'settings';

/** GET /v1/orgs/{org}/usage — `org` is null until Salesforce has reported the org's usage. */
export interface UsageReport {
  asOf: string;
  asOfMs: number;
  budget: number;
  used: number;
  remaining: number;
  state: UsageState;
  reservePercent: number;
  org: OrgUsage | null;
  byRelationship: RelationshipCalls[];
  /** 24 clock hours, oldest first. */
  perHour: { start: string; calls: number }[];
  nextReleaseAt: string | null;
  nextReleaseAtMs: number | null;
  releaseCurve: { start: string; end: string; calls: number }[];
  forecast: { ratePerHour: number; cap: number; exhaustedAt: string | null; exhaustedAtMs: number | null };
  denied: number;
}

export interface OrgUsage {
  limit: number;
  used: number;
  reported: number;
  observedAt: string;
  observedAtMs: number;
  exhaustedUntil: string | null;
  reserve: number;
  cap: number;
  othersUsed: number;
}

export interface RelationshipCalls {
  relationship: string;
  direction: Direction;
  calls: number;
}

export type ChecklistItemId = 'error-log' | 'unused-fields' | 'phone-conflict-rule' | 'custom-fields' | 'other-integrations';

/** GET /v1/orgs/{org}/checklist */
export interface ChecklistReport {
  asOf: string;
  estimatedDailySavings: number;
  items: ChecklistItem[];
}

export interface ChecklistItem {
  id: ChecklistItemId;
  title: string;
  status: 'ok' | 'attention';
  figure: { label: string; value: number; unit: 'errors' | 'fields' | 'calls' | 'percent' };
  estimatedDailySavings: number;
  action: string;
  details?: Record<string, unknown>;
}

/** Detail of `callbudget-error`: from the API's problem+json, or made up for network and parse failures. */
export interface CallbudgetErrorDetail {
  /** HTTP status; 0 when the request never got an answer. */
  status: number;
  /** The problem's stable code (e.g. FORBIDDEN_PLAN), or NETWORK / BAD_RESPONSE / HTTP_<status>. */
  code: string;
  title: string;
  detail: string;
}
