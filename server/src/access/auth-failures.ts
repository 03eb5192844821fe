/**
 * Slows key guessing without locking anyone out: failed keys are counted per client address and per
 * claimed key id, and only further *invalid* attempts are refused; a valid key always passes.
 */
import { keys } from '../keys.ts';
import type { SharedState } from '../state/shared-state.ts';

export interface AuthFailurePolicy {
  /** Failed attempts allowed per window, per address and per claimed key id. @default 20 */
  maxFailures: number;
  /** @default 600000 (10 min) */
  windowMs: number;
}

export const DEFAULT_AUTH_FAILURES: AuthFailurePolicy = { maxFailures: 20, windowMs: 10 * 60_000 };

/** Who a failed attempt is charged to: the client address, and the key id the secret claims, if any. */
export interface FailedAttempt {
  client: string;
  keyId: string | undefined;
}

export interface AuthFailures {
  /** Whether this invalid attempt's address or claimed key id is over the limit. */
  blocked(attempt: FailedAttempt): Promise<boolean>;
  failed(attempt: FailedAttempt): Promise<void>;
  policy: AuthFailurePolicy;
}

const counterKeys = ({ client, keyId }: FailedAttempt): string[] => [keys.authFailures(client), ...(keyId ? [keys.authFailuresOfKey(keyId)] : [])];

/** Count failures in shared state, so every instance sees them. */
export function createAuthFailures(state: SharedState, policy: AuthFailurePolicy = DEFAULT_AUTH_FAILURES): AuthFailures {
  return {
    policy,
    async blocked(attempt) {
      const counters = await Promise.all(counterKeys(attempt).map((key) => state.readCounters(key)));
      return counters.some((c) => (c.failures ?? 0) >= policy.maxFailures);
    },
    async failed(attempt) {
      await Promise.all(counterKeys(attempt).map((key) => state.incrementFields(key, { failures: 1 }, policy.windowMs)));
    },
  };
}
