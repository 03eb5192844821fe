/** The CallGate of one org: the limiter decides, the recorder and the alerts learn what happened. */
import type { Limiter, LimiterPolicy } from '../limiter/limiter.ts';
import type { CallRecorder } from '../usage/call-recorder.ts';
import type { ErrorLog } from '../usage/error-log.ts';
import { storeUnavailable } from '../state/store-unavailable.ts';
import type { Alerts } from '../alerts/alert-service.ts';
import type { AlertSettings } from '../alerts/alert-types.ts';
import type { Episodes } from '../alerts/episodes.ts';
import { admittedAlerts, orgLimitRefused, refusalAlert } from '../alerts/crossings.ts';
import { credentialsFailing, syncResumed } from '../alerts/other-alerts.ts';
import type { CallGate } from './client.ts';

export interface GateDeps {
  limiter: Limiter;
  recorder: CallRecorder;
  alerts: Alerts;
  episodes: Episodes;
  errorLog: ErrorLog;
  /** The org's current policy and alert settings (they may change while a connection is cached); one read. */
  settings: () => Promise<{ policy: LimiterPolicy; alerts: AlertSettings }>;
  /** Runs work after the response; shutdown waits for it; a failure is logged and counted under `task`. */
  background: (task: string, work: Promise<unknown>) => void;
}

/** Make the gate for `orgId`. */
export function createOrgGate(orgId: string, deps: GateDeps): CallGate {
  const { background } = deps;
  const raise = (work: Promise<unknown>): void => background('notifications', work);
  return {
    async admit(context, cost) {
      let decision;
      let settings;
      try {
        settings = await deps.settings();
        decision = await deps.limiter.admit(orgId, cost, context.priority, settings.policy);
      } catch (error) {
        // Fail closed, and say whose failure it is: no call leaves unadmitted, and Salesforce is not to blame.
        throw storeUnavailable(error);
      }
      // Alerts cost the call nothing: crossings are found in the decision's own figures (crossings.ts),
      // episodes in a map in process (episodes.ts); only a crossing, a refusal or a resume touches
      // Redis, in the background, and a refusal storm only once per quiet interval (quiet-guard.ts).
      if (decision.allowed) {
        for (const alert of admittedAlerts(decision, cost, settings.policy, settings.alerts)) raise(deps.alerts.raise(orgId, alert, settings.alerts));
        const ending = deps.episodes.admitted(orgId, context.priority);
        const now = decision.now;
        if (ending) raise(ending.then((ended) => ended && deps.alerts.raise(orgId, syncResumed(context.priority, ended.since, now), settings.alerts)));
      } else {
        background('usage-counters', deps.recorder.recordDenied(orgId, context.relationship, decision.now));
        raise(deps.alerts.raise(orgId, refusalAlert(decision, context.priority, settings.policy), settings.alerts));
        raise(deps.episodes.refused(orgId, context.priority, decision.now));
      }
      return decision;
    },
    settle(decision, outcome) {
      // In the background: the response is Salesforce's answer whether or not we could note the
      // usage it reported (awaiting it cost a Redis round trip per call, and a Redis hiccup here
      // used to fail a call Salesforce had carried out). The store is called now, so it queues
      // this before any later admit on the same connection.
      if (decision.ticket) background('limiter-settle', deps.limiter.store.settle(orgId, decision.ticket, outcome));
      // Salesforce refused a call our figures let through (a probe is expected to meet a full org).
      if (outcome.report?.exhausted && !decision.probe) raise(deps.settings().then((s) => deps.alerts.raise(orgId, orgLimitRefused(decision.now), s.alerts)));
    },
    record(outcome) {
      background('usage-counters', deps.recorder.recordCall(orgId, { relationship: outcome.context.relationship, direction: outcome.context.direction, status: outcome.status, at: outcome.at, counted: outcome.counted, calls: outcome.cost, ...(outcome.errorCode ? { errorCode: outcome.errorCode } : {}) }));
      if (outcome.errorCode) {
        background('error-log', deps.errorLog.append(orgId, { at: outcome.at, relationship: outcome.context.relationship, direction: outcome.context.direction, method: outcome.method, path: outcome.path, status: outcome.status, errorCode: outcome.errorCode }));
      }
    },
    credentialsRefused(reason) {
      raise(deps.settings().then((s) => deps.alerts.raise(orgId, credentialsFailing(reason, Date.now()), s.alerts)));
    },
  };
}
