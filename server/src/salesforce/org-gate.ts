/** The CallGate of one org: the limiter decides, the recorder and notifications learn what happened. */
import type { Limiter, LimiterPolicy } from '../limiter/limiter.ts';
import type { CallRecorder } from '../usage/call-recorder.ts';
import type { Notifications } from '../notifications/notifications.ts';
import type { ErrorLog } from '../usage/error-log.ts';
import { storeUnavailable } from '../state/store-unavailable.ts';
import type { CallGate } from './client.ts';

export interface GateDeps {
  limiter: Limiter;
  recorder: CallRecorder;
  notifications: Notifications;
  errorLog: ErrorLog;
  /** The org's current policy (it may change while a connection is cached). */
  policy: () => Promise<LimiterPolicy>;
  /** Runs work after the response; shutdown waits for it; a failure is logged and counted under `task`. */
  background: (task: string, work: Promise<unknown>) => void;
}

const REASON_TEXT: Record<string, string> = {
  BUDGET_EXHAUSTED: "callbudget paused the sync: this integration's daily API budget is used up.",
  ORG_RESERVE_REACHED: "callbudget paused the sync: the org's API usage reached its limit minus the reserve kept for other integrations.",
  ORG_LIMIT_REACHED: 'Salesforce reports the daily API request limit reached; the sync resumes as calls leave the 24-hour window.',
};

/** Make the gate for `orgId`. */
export function createOrgGate(orgId: string, deps: GateDeps): CallGate {
  const { background } = deps;
  return {
    async admit(context, cost) {
      let decision;
      try {
        decision = await deps.limiter.admit(orgId, cost, context.priority, await deps.policy());
      } catch (error) {
        // Fail closed, and say whose failure it is: no call leaves unadmitted, and Salesforce is not to blame.
        throw storeUnavailable(error);
      }
      if (!decision.allowed) {
        background('usage-counters', deps.recorder.recordDenied(orgId, context.relationship, decision.now));
        const resumesAt = decision.retryAfterMs === null ? undefined : new Date(decision.now + decision.retryAfterMs).toISOString();
        background(
          'notifications',
          deps.notifications.notify(
            orgId,
            { kind: 'limit-reached', code: decision.reason ?? 'BUDGET_EXHAUSTED', message: REASON_TEXT[decision.reason ?? ''] ?? 'Daily API limit reached.', ...(resumesAt ? { resumesAt } : {}) },
            decision.now,
            decision.retryAfterMs ?? 3_600_000,
          ),
        );
      }
      return decision;
    },
    settle(decision, outcome) {
      // In the background: the response is Salesforce's answer whether or not we could note the
      // usage it reported (awaiting it cost a Redis round trip per call, and a Redis hiccup here
      // used to fail a call Salesforce had carried out). The store is called now, so it queues
      // this before any later admit on the same connection.
      if (decision.ticket) background('limiter-settle', deps.limiter.store.settle(orgId, decision.ticket, outcome));
    },
    record(outcome) {
      background('usage-counters', deps.recorder.recordCall(orgId, { relationship: outcome.context.relationship, direction: outcome.context.direction, status: outcome.status, at: outcome.at, counted: outcome.counted, calls: outcome.cost, ...(outcome.errorCode ? { errorCode: outcome.errorCode } : {}) }));
      if (outcome.errorCode) {
        background('error-log', deps.errorLog.append(orgId, { at: outcome.at, relationship: outcome.context.relationship, direction: outcome.context.direction, method: outcome.method, path: outcome.path, status: outcome.status, errorCode: outcome.errorCode }));
      }
    },
  };
}
