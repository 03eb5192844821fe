/**
 * Where a Salesforce client reaches the passthrough: the same routes (passthrough-routes.ts,
 * identity-routes.ts) are mounted twice.
 *
 * - `org`: instance URL `<api>/v1/orgs/{orgId}/salesforce`, the org named in the path; any key allowed
 *   there may use it, the operator's included.
 * - `root`: instance URL `<api>`, the org the key is bound to (every API key belongs to one org). Some
 *   clients drop or mangle an instance URL's path: jsforce 3's Bulk 2.0 resolves
 *   `new URL('/services/data/…/jobs/ingest', instanceUrl)` (the path is lost), and the Salesforce CLI
 *   appends `services/oauth2/userinfo` to a URL without a trailing slash (`…/salesforceservices/…`).
 *   At the root there is no path to lose. The operator key names no org, so it is refused there.
 */
import type { OrgLocator } from '../http/org-scope.ts';

export interface PassthroughMount {
  name: 'org' | 'root';
  /** Route prefix in front of `/services/…` and `/id/…` (no trailing slash; '' at the root). */
  prefix: string;
  /** Path segments of a request URL in front of `/services` (`/v1/orgs/{orgId}/salesforce` is 4). */
  prefixSegments: number;
  orgFrom: OrgLocator;
  /** The instance URL the client was given: rewritten Salesforce URLs point there. `base` has no trailing slash. */
  instanceUrl(base: string, orgId: string): string;
  /** The spec's operationId of one of the mount's operations (`Get`, `Post`, …, `Identity`, `UserInfo`). */
  operationId(operation: string): string;
}

export const ORG_MOUNT: PassthroughMount = {
  name: 'org',
  prefix: '/v1/orgs/:orgId/salesforce',
  prefixSegments: 4,
  orgFrom: 'path',
  instanceUrl: (base, orgId) => `${base}/v1/orgs/${orgId}/salesforce`,
  operationId: (operation) => `passthrough${operation}`,
};

export const ROOT_MOUNT: PassthroughMount = {
  name: 'root',
  prefix: '',
  prefixSegments: 0,
  orgFrom: 'key',
  instanceUrl: (base) => base,
  operationId: (operation) => `rootPassthrough${operation}`,
};

/** Both mounts, registered by app.ts. */
export const PASSTHROUGH_MOUNTS: readonly PassthroughMount[] = [ORG_MOUNT, ROOT_MOUNT];
