/**
 * Which alerts a limiter decision raises, computed in process from the decision's own figures: no
 * read, no write. An admitted call raises an alert only when it is the call that moved our usage
 * across a line (used before it < line ≤ used after it). The limiter's script is atomic and its count
 * exact, so of all instances exactly one admitted call crosses each line on the way up; every other
 * call costs nothing here. A refusal names its own reason, which becomes the alert.
 */
import { capFor, type LimiterPolicy } from '../limiter/limiter.ts';
import type { Decision, Priority } from '../limiter/types.ts';
import type { Alert, AlertSettings, AlertType } from './alert-types.ts';

/** What reaching each priority's share of the budget means, as the limiter applies it. */
const SHARES: Record<Priority, { type: AlertType; code: string; text: (percent: number) => string }> = {
  bulk: { type: 'bulk-paused', code: 'BULK_SHARE_REACHED', text: (p) => `Bulk calls are paused: ${p} % of the daily API budget is used. Sync and interactive calls go on.` },
  sync: { type: 'sync-paused', code: 'SYNC_SHARE_REACHED', text: (p) => `Sync calls are paused: ${p} % of the daily API budget is used. Only interactive calls (admin pages) go on.` },
  interactive: { type: 'budget-exhausted', code: 'BUDGET_EXHAUSTED', text: () => 'The daily API budget is used up: every call waits until calls leave the 24-hour window.' },
};

const crossed = (before: number, after: number, line: number): boolean => line > 0 && before < line && after >= line;

function shareAlert(priority: Priority, decision: Decision, policy: LimiterPolicy): Alert {
  const percent = Math.round(policy.thresholds[priority] * 100);
  return {
    type: SHARES[priority].type,
    code: SHARES[priority].code,
    message: SHARES[priority].text(percent),
    at: decision.now,
    ...(decision.resetAt ? { resumesAt: decision.resetAt } : {}),
    details: { priority, used: decision.used, budget: policy.dailyLimit, sharePercent: percent },
  };
}

/** Alerts raised by an admitted call of `cost` (the decision's `used` already includes it). */
export function admittedAlerts(decision: Decision, cost: number, policy: LimiterPolicy, settings: AlertSettings): Alert[] {
  const after = decision.used;
  const before = after - cost;
  const alerts: Alert[] = [];
  for (const percent of settings.warnAtPercent) {
    if (!crossed(before, after, Math.ceil((percent * policy.dailyLimit) / 100))) continue;
    alerts.push({
      type: 'threshold-crossed',
      code: `BUDGET_${percent}_PERCENT`,
      message: `${percent} % of the daily API budget is used (${after} of ${policy.dailyLimit} calls in the last 24 hours).`,
      at: decision.now,
      details: { percent, used: after, budget: policy.dailyLimit },
    });
  }
  // A share equal to the next one up pauses nothing of its own: the higher event says it all.
  const caps = { bulk: capFor(policy, 'bulk'), sync: capFor(policy, 'sync'), interactive: capFor(policy, 'interactive') };
  if (caps.bulk < caps.sync && crossed(before, after, caps.bulk)) alerts.push(shareAlert('bulk', decision, policy));
  if (caps.sync < caps.interactive && crossed(before, after, caps.sync)) alerts.push(shareAlert('sync', decision, policy));
  if (crossed(before, after, caps.interactive)) alerts.push(shareAlert('interactive', decision, policy));
  return alerts;
}

/** The alert a refusal of `priority` stands for. */
export function refusalAlert(decision: Decision, priority: Priority, policy: LimiterPolicy): Alert {
  const resumesAt = decision.retryAfterMs === null ? undefined : decision.now + decision.retryAfterMs;
  const when = resumesAt === undefined ? {} : { resumesAt };
  if (decision.reason === 'ORG_RESERVE_REACHED') {
    return {
      type: 'org-reserve-reached',
      code: 'ORG_RESERVE_REACHED',
      message: `The org's API usage reached its limit minus the ${policy.reservePercent} % reserve kept for other integrations: ${priority} calls are paused.`,
      at: decision.now,
      ...when,
      details: { priority, reservePercent: policy.reservePercent },
    };
  }
  if (decision.reason === 'ORG_LIMIT_REACHED') {
    return { ...orgLimitRefused(decision.now), ...when };
  }
  return { ...shareAlert(priority, decision, policy), ...when };
}

/** Salesforce refused a call we admitted: the org's own limit is reached, though our figures left room. */
export function orgLimitRefused(at: number): Alert {
  return {
    type: 'org-limit-refused',
    code: 'ORG_LIMIT_REACHED',
    message: 'Salesforce refused a call with REQUEST_LIMIT_EXCEEDED although our figures left room: another integration used up the org. Calls resume as the org frees up.',
    at,
  };
}
