/**
 * One retry policy for webhook deliveries, whichever queue runs them (BullMQ over Redis, or the
 * in-process queue of embedded mode): up to `attempts` tries, the n-th retry after baseDelayMs × 2ⁿ⁻¹.
 * A 5xx, 408, 429 or a network failure is retried; any other answer is final (a 4xx says the request
 * itself is wrong, a 3xx is a redirect we do not follow), and so is an address we refuse to send to.
 */
export interface WebhookRetryPolicy {
  /** Tries in all, the first included. @default 8 */
  attempts: number;
  /** First retry after this; each further one waits twice as long. @default 10000 (about 21 minutes in all) */
  baseDelayMs: number;
}

export const DEFAULT_WEBHOOK_RETRY: WebhookRetryPolicy = { attempts: 8, baseDelayMs: 10_000 };

/** How one attempt ended. */
export type AttemptVerdict = 'delivered' | 'retry' | 'final';

/** Verdict on an answer's status. */
export function verdictForStatus(status: number): AttemptVerdict {
  if (status >= 200 && status < 300) return 'delivered';
  if (status >= 500 || status === 408 || status === 429) return 'retry';
  return 'final';
}

/** Wait before retry number `retry` (1 = the first retry). */
export function retryDelayMs(policy: WebhookRetryPolicy, retry: number): number {
  return policy.baseDelayMs * 2 ** (retry - 1);
}
