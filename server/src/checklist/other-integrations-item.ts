/**
 * "Check with your Salesforce administrator to see if other integrations are using API calls." The
 * org's usage comes from Salesforce's own figure (Sforce-Limit-Info, as estimated by the limiter);
 * what is not ours is other integrations'. We cannot save their calls, so the estimate is 0.
 */
import type { OrgUsage } from '../usage/report.ts';
import { percent, type ChecklistItem } from './types.ts';

export const MAX_OTHERS_SHARE_PERCENT = 50;
export const MIN_HEADROOM_PERCENT = 10;

/** The other-integrations item; `org` is null until Salesforce has reported the org's usage. */
export function otherIntegrationsItem(org: OrgUsage | null, ourUsed: number): ChecklistItem {
  const action = 'Check with your Salesforce administrator to see which other integrations use API calls (Setup > Company Information > API Requests, Last 24 Hours), and whether they can call less often.';
  if (!org) {
    return {
      id: 'other-integrations',
      title: 'Check other integrations',
      status: 'ok',
      figure: { label: "Other integrations' share of the org's API usage", value: 0, unit: 'percent' },
      estimatedDailySavings: 0,
      action,
      details: { observed: false, note: 'Salesforce has not reported the org usage yet: it does with the first call.' },
    };
  }
  const share = percent(org.othersUsed, org.used);
  const headroom = org.cap - org.used;
  const headroomPercent = percent(headroom, org.cap);
  // Compared exactly, not on the rounded share: 50.04% is more than half.
  const attention = org.othersUsed * 100 > org.used * MAX_OTHERS_SHARE_PERCENT || headroom * 100 < org.cap * MIN_HEADROOM_PERCENT;
  return {
    id: 'other-integrations',
    title: 'Check other integrations',
    status: attention ? 'attention' : 'ok',
    figure: { label: "Other integrations' share of the org's API usage", value: share, unit: 'percent' },
    estimatedDailySavings: 0,
    action,
    details: {
      observed: true,
      orgLimit: org.limit,
      orgUsed: org.used,
      othersUsed: org.othersUsed,
      ourUsed,
      cap: org.cap,
      headroom,
      headroomPercent,
      observedAt: org.observedAt,
      thresholds: { othersSharePercent: MAX_OTHERS_SHARE_PERCENT, minHeadroomPercent: MIN_HEADROOM_PERCENT },
      model: "Other integrations' calls are theirs to reduce: no savings are counted here.",
    },
  };
}
