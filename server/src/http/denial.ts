/** A limiter refusal as the client sees it: 429 problem+json with Retry-After and RateLimit headers (Salesforce clients: passthrough/salesforce-errors.ts). */
import { Problem } from '../errors.ts';
import type { Decision } from '../limiter/types.ts';

/** Headers that say how much budget is left, sent on admitted and refused calls alike. */
export function rateLimitHeaders(decision: Decision): Record<string, string> {
  const resetSeconds = Math.max(0, Math.ceil((decision.resetAt - decision.now) / 1000));
  return {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(resetSeconds),
  };
}

/** The 429 for a refused decision; Retry-After is rounded up so it is never early. */
export function deniedProblem(decision: Decision): Problem {
  const code = decision.reason ?? 'BUDGET_EXHAUSTED';
  const headers = rateLimitHeaders(decision);
  const extensions: Record<string, unknown> = { remaining: decision.remaining, limit: decision.limit };
  if (decision.retryAfterMs !== null) {
    const retryAt = decision.now + decision.retryAfterMs;
    headers['Retry-After'] = String(Math.ceil(decision.retryAfterMs / 1000));
    extensions.retryAt = new Date(retryAt).toISOString();
    extensions.retryAfterMs = decision.retryAfterMs;
  }
  const detail = decision.retryAfterMs === null ? 'This request costs more calls than the budget allows.' : `Calls are released at ${new Date(decision.now + decision.retryAfterMs).toISOString()}.`;
  return new Problem(code, detail, extensions, headers);
}
