/** A job's push stopped because the limiter has no room yet: when to try again (limiter clock). */
import { Problem } from '../errors.ts';
import type { Decision } from '../limiter/types.ts';

/** How long to wait after Salesforce itself said the org's limit is reached: the limiter's probe interval. */
export const ORG_LIMIT_WAIT_MS = 60_000;

export class PushDeferred extends Error {
  override name = 'PushDeferred';
  /** Epoch ms on the limiter's clock when the window is expected to have room. */
  readonly dueAt: number;
  /** Real ms to wait (the limiter's Retry-After). */
  readonly waitMs: number;
  readonly reason: string;
  constructor(reason: string, dueAt: number, waitMs: number) {
    super(`deferred: ${reason}`);
    this.reason = reason;
    this.waitMs = waitMs;
    this.dueAt = dueAt;
  }
}

/** The deferral a limiter refusal means; undefined for a refusal that can never pass (too costly). */
export function deferralOf(decision: Decision): PushDeferred | undefined {
  if (decision.retryAfterMs === null) return undefined;
  return new PushDeferred(decision.reason ?? 'BUDGET_EXHAUSTED', decision.now + decision.retryAfterMs, decision.retryAfterMs);
}

const DENIAL_CODES = new Set(['BUDGET_EXHAUSTED', 'ORG_RESERVE_REACHED', 'ORG_LIMIT_REACHED']);

/** A 429 problem from the limiter (e.g. the upsert key's describe was refused) as a deferral. */
export function deferralOfProblem(error: unknown): PushDeferred | undefined {
  if (!(error instanceof Problem) || !DENIAL_CODES.has(error.code)) return undefined;
  const { retryAfterMs, retryAt } = error.extensions;
  return typeof retryAfterMs === 'number' && typeof retryAt === 'string' ? new PushDeferred(error.code, Date.parse(retryAt), retryAfterMs) : undefined;
}
