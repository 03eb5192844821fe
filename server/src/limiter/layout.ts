/**
 * One org's window lives in one Redis string (or one buffer in process): a header of signed 64-bit
 * fields, then one unsigned 32-bit counter per one-minute bucket. One key means one TTL: no part of
 * a window can outlive another (a totals hash that outlived its buckets once kept a phantom total).
 * The Lua scripts hard-code the same offsets; a test checks them against these.
 */
export const HEADER_FIELDS = {
  /** Our calls in the window. */
  total: 0,
  /** Newest bucket the window has been moved to; 0 while the window is new. */
  last: 1,
  /** Oldest bucket that may hold calls: every bucket before it is empty. */
  oldest: 2,
  /** Cost admitted since the window began, less what was given back. */
  admitted: 3,
  /** The org estimate is orgBase + admitted (see settle-1.lua). */
  orgBase: 4,
  /** Org limit Salesforce reported; 0 while unknown. */
  orgLimit: 5,
  /** The last usage figure Salesforce reported, as reported. */
  orgObserved: 6,
  /** When that figure arrived (epoch ms). */
  orgSeenAt: 7,
  /** Org-level refusals end here: then one call probes (epoch ms; 0 none). */
  probeAt: 8,
  /** 1 while Salesforce refuses with REQUEST_LIMIT_EXCEEDED; only an answer to a later call clears it. */
  exhausted: 9,
  /** Admissions ever made (never decreases): orders answers against episodes. */
  seq: 10,
  /** `seq` when the current REQUEST_LIMIT_EXCEEDED episode was recorded. */
  episodeSeq: 11,
  /** Calls admitted in minute m and not yet settled, in field inFlight + m % IN_FLIGHT_MINUTES. */
  inFlight: 12,
  /** When the key's TTL runs out, on the window's own clock (the in-process store expires by it). */
  expiresAt: 16,
} as const;

export type HeaderField = keyof typeof HEADER_FIELDS;
/** Minutes a call is counted in flight at most; longer than any request timeout (120 s). */
export const IN_FLIGHT_MINUTES = 4;
export const HEADER_FIELD_COUNT = 20;
export const HEADER_BYTES = HEADER_FIELD_COUNT * 8;
