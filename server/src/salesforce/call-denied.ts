/** Thrown through jsforce when the limiter refuses a call, so the caller can answer 429. */
import type { Decision } from '../limiter/types.ts';

export class CallDeniedError extends Error {
  override name = 'CallDeniedError';
  readonly decision: Decision;
  constructor(decision: Decision) {
    super(`Salesforce call refused by the limiter: ${decision.reason ?? 'denied'}`);
    this.decision = decision;
  }
}
