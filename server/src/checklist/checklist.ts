/**
 * The checklist of one org: gathered from what we recorded (error log, call and field usage
 * counters, the limiter's snapshot, the org's mappings), never from Salesforce, so reading it costs
 * no API call. `buildChecklist` is pure, so every item is testable from its inputs.
 */
import type { Org } from '../orgs/org.ts';
import type { Services } from '../services.ts';
import type { FieldMapping } from '../sync/default-mappings.ts';
import type { HourCounters } from '../usage/call-recorder.ts';
import { callsByRelationship } from '../usage/call-recorder.ts';
import type { ErrorEntry } from '../usage/error-log.ts';
import { orgUsage, type RelationshipCalls } from '../usage/report.ts';
import type { LimiterSnapshot } from '../limiter/types.ts';
import { customFieldsItem } from './custom-fields-item.ts';
import { errorItem } from './error-item.ts';
import { bounces, foldFieldStats } from './field-stats.ts';
import { otherIntegrationsItem } from './other-integrations-item.ts';
import { phoneItem, phoneRules } from './phone-item.ts';
import type { Checklist } from './types.ts';
import { unusedFieldsItem } from './unused-fields-item.ts';

export interface ChecklistInputs {
  snapshot: LimiterSnapshot;
  reservePercent: number;
  mappings: Readonly<Record<string, readonly FieldMapping[]>>;
  errors: readonly ErrorEntry[];
  acknowledgedBefore: number;
  /** Call recorder counters of the last 24 clock hours. */
  callHours: readonly HourCounters[];
  /** Field usage counters of the last 24 clock hours. */
  fieldHours: readonly HourCounters[];
}

/** The five items, in the seed's order, and their total. */
export function buildChecklist(inputs: ChecklistInputs): Checklist {
  const now = inputs.snapshot.now;
  const calls = callsByRelationship([...inputs.callHours]) as RelationshipCalls[];
  const org = inputs.snapshot.org ? orgUsage(inputs.snapshot.org, inputs.snapshot.total, inputs.reservePercent) : null;
  const items = [
    errorItem({ entries: inputs.errors, acknowledgedBefore: inputs.acknowledgedBefore, now }),
    unusedFieldsItem(inputs.mappings, foldFieldStats(inputs.fieldHours)),
    phoneItem(phoneRules(inputs.mappings, (relationship) => bounces(inputs.fieldHours, relationship))),
    customFieldsItem(inputs.mappings, calls),
    otherIntegrationsItem(org, inputs.snapshot.total),
  ];
  return {
    asOf: new Date(now).toISOString(),
    estimatedDailySavings: items.reduce((sum, item) => sum + item.estimatedDailySavings, 0),
    items,
  };
}

/** Gather the inputs from shared state (no Salesforce call) and build the checklist. */
export async function checklistFor(services: Pick<Services, 'limiter' | 'recorder' | 'fieldUsage' | 'errorLog'>, org: Org): Promise<Checklist> {
  const snapshot = await services.limiter.store.snapshot(org.id);
  const [callHours, fieldHours, errors, acknowledgedBefore] = await Promise.all([
    services.recorder.lastHours(org.id, snapshot.now),
    services.fieldUsage.lastHours(org.id, snapshot.now),
    services.errorLog.list(org.id),
    services.errorLog.acknowledgedBefore(org.id),
  ]);
  return buildChecklist({ snapshot, reservePercent: org.policy.reservePercent, mappings: org.mappings, errors, acknowledgedBefore, callHours, fieldHours });
}
