/**
 * The one retry policy of callbudget's Salesforce calls (README, "Retries").
 *
 * - The passthrough never retries for its client. The client (jsforce, the sf CLI, any REST client)
 *   has its own retry loop; each attempt it makes is sent once and counted once, so one logical
 *   request through callbudget costs what it costs straight to Salesforce. (Retrying here as well
 *   multiplied them: with jsforce's 5 retries on top of ours, one GET against a persistent 503 cost
 *   36 counted calls instead of 6.)
 * - The sync API (push, pull, describes, the credentials check) retries a failed attempt at most
 *   twice, and only where the retry cannot spend a call for nothing: when Salesforce did not count
 *   the failed attempt (a concurrent-request refusal, a connection never established), or when the
 *   method is idempotent (GET, HEAD, PUT, DELETE, OPTIONS) and the failure transient (500, 502, 503,
 *   504, a reset, a timeout). A POST or PATCH that got no answer is never sent again: it may have
 *   been applied (push results say `outcome: "unknown"`).
 * - Each retry waits minDelayMs × 2^attempt, jittered to a random point in its upper half, or the
 *   `Retry-After` Salesforce sent if that is longer; a `Retry-After` beyond maxDelayMs is not waited
 *   for: the failure goes back to the caller, whose own schedule is better placed to wait that long.
 * - Our 429 carries `Retry-After` (when enough calls leave the window). jsforce (3.x, lib/request.js)
 *   and the sf CLI (whose connections are jsforce's) ignore it: they retry 420, 429, 500, 502, 503
 *   and 504 answers to GET, PUT, HEAD, OPTIONS and DELETE up to 5 times after 500 ms × 2^n (0.5 s to
 *   8 s), then hand the 429 to the caller. Those retries are refused by us again and reach no one;
 *   a client that honours `Retry-After` (or our `202` deferral on pushes) waits exactly as needed.
 */
import type { CallDirection } from './call-context.ts';

export interface RetryPolicy {
  /** Retries after the first attempt (sync API only; the passthrough never retries). @default 2 */
  maxRetries: number;
  /** First backoff; doubles each retry, jittered. @default 500 */
  minDelayMs: number;
  /** Longest wait for one retry; a longer Retry-After ends the retries. @default 30000 */
  maxDelayMs?: number;
  /** Abort a request with no response after this long. @default 120000 (SALESFORCE_TIMEOUT_MS) */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 2, minDelayMs: 500, maxDelayMs: 30_000, timeoutMs: 120_000 };

/** One failed attempt: Salesforce's answer (status, body, Retry-After) or a network error code. */
export interface AttemptFailure {
  status?: number;
  body?: string;
  retryAfter?: string;
  /** Network error code when there was no answer. */
  code?: string;
  /** Whether Salesforce counted the attempt (counted-answers.ts). */
  counted: boolean;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

/** Retries allowed for a call made for `direction`. */
export function retriesFor(direction: CallDirection, policy: RetryPolicy): number {
  return direction === 'passthrough' ? 0 : policy.maxRetries;
}

function isTransient(failure: AttemptFailure): boolean {
  if (failure.status === undefined) return true;
  if (TRANSIENT_STATUSES.has(failure.status)) return true;
  return failure.status === 403 && /ConcurrentRequests|Concurrent API/i.test(failure.body ?? '');
}

/** Milliseconds of a Retry-After value (seconds or an HTTP date), or undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * How long to wait before retrying attempt `attempt` (0 for the first) that failed with `failure`,
 * or undefined when it must not be retried.
 */
export function retryDelay(policy: RetryPolicy, retries: number, attempt: number, method: string, failure: AttemptFailure, random: () => number = Math.random): number | undefined {
  if (attempt >= retries || !isTransient(failure)) return undefined;
  if (failure.counted && !IDEMPOTENT.has(method.toUpperCase())) return undefined;
  const base = policy.minDelayMs * 2 ** attempt;
  const jittered = base / 2 + random() * (base / 2);
  const asked = retryAfterMs(failure.retryAfter);
  if (asked !== undefined && asked > (policy.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs!)) return undefined;
  return Math.round(Math.max(jittered, asked ?? 0));
}
