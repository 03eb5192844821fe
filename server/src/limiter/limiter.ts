/** The limiter: applies an org's policy (budget, reserve, priority shares) and asks the store to decide. */
import type { Decision, LimiterStore, Priority } from './types.ts';

export interface LimiterPolicy {
  /** Calls per rolling 24 h this integration may spend in the org. @default 15000 */
  dailyLimit: number;
  /** Part of the org's own limit we never take, so other integrations keep working. @default 10 */
  reservePercent: number;
  /** Share of the budget each priority may fill; lower priorities stop earlier. */
  thresholds: Record<Priority, number>;
}

export const DEFAULT_POLICY: LimiterPolicy = {
  dailyLimit: 15_000,
  reservePercent: 10,
  thresholds: { interactive: 1, sync: 0.95, bulk: 0.8 },
};

export interface Limiter {
  /** Admit `cost` calls at `priority`, or say when they could be; never throws for a refusal. */
  admit(orgId: string, cost: number, priority: Priority, policy: LimiterPolicy): Promise<Decision>;
  store: LimiterStore;
}

/** Budget calls a priority may fill under a policy. */
export function capFor(policy: LimiterPolicy, priority: Priority): number {
  return Math.floor(policy.dailyLimit * policy.thresholds[priority]);
}

/** Create a limiter over a store; `onDecision` sees every decision (metrics). */
export function createLimiter(store: LimiterStore, onDecision?: (orgId: string, priority: Priority, decision: Decision) => void): Limiter {
  return {
    store,
    async admit(orgId, cost, priority, policy) {
      if (!Number.isInteger(cost) || cost < 1) throw new RangeError(`cost must be a positive integer, got ${cost}`);
      const decision = await store.admit({
        orgId,
        cost,
        cap: capFor(policy, priority),
        reservePermille: Math.round(policy.reservePercent * 10),
        sharePermille: Math.round(policy.thresholds[priority] * 1000),
      });
      onDecision?.(orgId, priority, decision);
      return decision;
    },
  };
}
