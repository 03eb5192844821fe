/** An org as the API shows it: settings and budget, never credentials. */
import type { Org } from './org.ts';
import { alertSettingsOf } from '../alerts/alert-types.ts';

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
    alerts: alertSettingsOf(org.alerts),
    deferWhenLimited: org.deferWhenLimited !== false,
    createdAt: org.createdAt,
    updatedAt: org.updatedAt,
  };
}
