/** Slows key guessing: after too many failed keys from one client address, refuse it for a while. */
import { keys } from '../keys.ts';
import type { SharedState } from '../state/shared-state.ts';

export interface AuthFailurePolicy {
  /** Failed attempts allowed per window. @default 20 */
  maxFailures: number;
  /** @default 600000 (10 min) */
  windowMs: number;
}

export const DEFAULT_AUTH_FAILURES: AuthFailurePolicy = { maxFailures: 20, windowMs: 10 * 60_000 };

export interface AuthFailures {
  blocked(client: string): Promise<boolean>;
  failed(client: string): Promise<void>;
  policy: AuthFailurePolicy;
}

/** Count failures per client in shared state, so every instance sees them. */
export function createAuthFailures(state: SharedState, policy: AuthFailurePolicy = DEFAULT_AUTH_FAILURES): AuthFailures {
  return {
    policy,
    async blocked(client) {
      const counters = await state.readCounters(keys.authFailures(client));
      return (counters.failures ?? 0) >= policy.maxFailures;
    },
    async failed(client) {
      await state.incrementFields(keys.authFailures(client), { failures: 1 }, policy.windowMs);
    },
  };
}
