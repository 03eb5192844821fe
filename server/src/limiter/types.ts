/** The limiter's contract: a decision is a value, never an exception. */
import type { WindowSnapshot } from './window.ts';

/** Lower priorities stop earlier, so admin pages keep working while the sync is paused. */
export type Priority = 'interactive' | 'sync' | 'bulk';
export const PRIORITIES: readonly Priority[] = ['interactive', 'sync', 'bulk'];

export type DenialReason = 'BUDGET_EXHAUSTED' | 'ORG_RESERVE_REACHED' | 'ORG_LIMIT_REACHED';

/** What a store is asked to decide, with the org's policy already applied. */
export interface StoreAdmitRequest {
  orgId: string;
  cost: number;
  /** Our budget for this priority (calls per rolling 24 h). */
  cap: number;
  /** Part of the org limit we never take, in 1/1000. */
  reservePermille: number;
  /** Share of (org limit − reserve) this priority may fill, in 1/1000. */
  sharePermille: number;
}

export interface Decision {
  allowed: boolean;
  reason?: DenialReason;
  /** Calls left for this priority, after this decision. */
  remaining: number;
  /** Our budget for this priority. */
  limit: number;
  /** 0 when allowed; when refused, ms until enough calls leave the window; null: never at this cost. */
  retryAfterMs: number | null;
  /** Epoch ms when the oldest call in the window is released. */
  resetAt: number;
  /** Calls in our window after this decision. */
  used: number;
  /** Bucket the calls were counted in (for refund). */
  bucket: number;
  /** The store's clock, epoch ms. */
  now: number;
  /** Allowed only: hand it back to `settle` once Salesforce answered (or provably never saw the call). */
  ticket?: AdmitTicket;
  /** Allowed only: this call probes Salesforce after a refusal on the org's figures; its answer decides. */
  probe?: boolean;
}

/**
 * What `settle` needs to know about an admitted call: where it was counted, and what was true of our
 * calls when it was admitted (cumulative admits before it, calls in flight beside it), so the figure
 * Salesforce returns with its answer is combined with exactly the calls that figure cannot include.
 */
export interface AdmitTicket {
  cost: number;
  bucket: number;
  /** Our cumulative admitted cost before this call. */
  admittedBefore: number;
  /** Our calls in flight (admitted, not yet settled) when this one was admitted, not counting it. */
  inFlightBefore: number;
  /** Admission sequence number: orders this call's answer against REQUEST_LIMIT_EXCEEDED episodes. */
  seq: number;
}

/** What Salesforce's answer said about one admitted call. */
export interface CallSettlement {
  /** False when Salesforce did not count the call (never sent, 401 before a refresh, 403 refusal): it is given back. */
  counted: boolean;
  /** The org usage its answer reported (Sforce-Limit-Info), and whether it was REQUEST_LIMIT_EXCEEDED. */
  report?: OrgReport;
}

/** What one Salesforce answer said about the whole org; `limit` 0 means unknown (a refusal without a usage header). */
export interface OrgReport {
  used: number;
  limit: number;
  exhausted: boolean;
}

/** What Salesforce last told us about the whole org. */
export interface OrgObservation {
  used: number;
  limit: number;
  /** Estimate now: the observation, plus our admits since, minus our calls released since. */
  estimatedUsed: number;
  observedAt: number;
  /** Set while Salesforce refuses with REQUEST_LIMIT_EXCEEDED: when one call may probe again. */
  exhaustedUntil?: number;
  /** Our calls admitted and not yet answered (they count in the estimate until their answer arrives). */
  inFlight: number;
}

export interface LimiterSnapshot extends WindowSnapshot {
  org?: OrgObservation;
}

/** A place to keep windows: Redis (shared by instances) or this process. Both pass one contract suite. */
export interface LimiterStore {
  admit(request: StoreAdmitRequest): Promise<Decision>;
  /**
   * An admitted call is over: it leaves the in-flight count, is given back when Salesforce did not
   * count it, and the usage its answer reported becomes the org estimate. Every ticket is settled once.
   */
  settle(orgId: string, ticket: AdmitTicket, outcome: CallSettlement): Promise<void>;
  /** A usage figure not tied to one of our admitted calls (e.g. a /limits read while saving credentials). */
  observe(orgId: string, report: OrgReport): Promise<void>;
  snapshot(orgId: string): Promise<LimiterSnapshot>;
  /** Forget an org's window (org deleted). */
  forget(orgId: string): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface StoreTiming {
  /** After REQUEST_LIMIT_EXCEEDED, how long until one call may probe Salesforce again. @default 60000 */
  probeMs?: number;
  /** Tests only: pins the store's clock to this epoch ms instead of Redis TIME / Date.now(). */
  pinnedNow?: () => number | undefined;
}

export const DEFAULT_PROBE_MS = 60_000;
/** A window expires this long after its newest minute began: after its last call has left it. */
export const WINDOW_TTL_MS = 25 * 60 * 60 * 1000;
