/**
 * The JSON the callbudget API answers, as openapi.yaml declares it: aliases of the generated
 * api-types.ts (`npm run gen:types`), so the widget's types follow the spec and never a copy.
 */
import type { components } from './api-types.ts';

type Schemas = components['schemas'];

/** GET /v1/orgs/{org}/usage — `org` is null until Salesforce has reported the org's usage. */
export type UsageReport = Schemas['Usage'];
export type OrgUsage = NonNullable<UsageReport['org']>;
export type RelationshipCalls = UsageReport['byRelationship'][number];
export type UsageState = UsageReport['state'];
export type Direction = RelationshipCalls['direction'];

/** GET /v1/orgs/{org}/checklist */
export type ChecklistReport = Schemas['Checklist'];
export type ChecklistItem = Schemas['ChecklistItem'];
export type ChecklistItemId = ChecklistItem['id'];

/** GET /v1/orgs/{org}/errors (JSON) */
export type ErrorLog = Schemas['ErrorLog'];

/** An RFC 9457 problem the API answers with. */
export type ApiProblem = Schemas['Problem'];

/** Detail of `callbudget-error`: from the API's problem+json, or made up for network and parse failures. */
export interface CallbudgetErrorDetail {
  /** HTTP status; 0 when the request never got an answer. */
  status: number;
  /** The problem's stable code (e.g. FORBIDDEN_PLAN), or NETWORK / BAD_RESPONSE / HTTP_<status>. */
  code: string;
  title: string;
  detail: string;
}
