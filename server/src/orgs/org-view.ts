/** An org as the API shows it: settings and budget, never credentials. */
import type { Org } from './org.ts';

/** The public view. */
export function orgView(org: Org): Record<string, unknown> {
  return {
    id: org.id,
    name: org.name,
    plan: org.plan,
    dailyLimit: org.policy.dailyLimit,
    reservePercent: org.policy.reservePercent,
    thresholds: org.policy.thresholds,
    salesforce: org.salesforce ? { connected: true, ...org.salesforce } : { connected: false },
    corsOrigins: org.corsOrigins,
    deferWhenLimited: org.deferWhenLimited !== false,
    createdAt: org.createdAt,
    updatedAt: org.updatedAt,
  };
}
