/**
 * Redis keys of the sync domain. They hang under the org's prefix from keys.ts, so they share the
 * org's hash tag (one Cluster slot) and leave with the org when it is deleted.
 */
import { keys } from '../keys.ts';

export const syncKeys = {
  /** A trimmed sObject describe of one Salesforce org (JSON), fresh for a while, kept longer as a fallback. */
  describe: (orgId: string, salesforceOrgId: string, object: string) => `${keys.orgPrefix(orgId)}:sync:describe:${salesforceOrgId}:${object}`,
  /** The LastModifiedDate of a record as last pulled (JSON epoch ms); keyed by the 15-character id. */
  lastPulled: (orgId: string, recordId: string) => `${keys.orgPrefix(orgId)}:sync:lm:${recordId.slice(0, 15)}`,
};
