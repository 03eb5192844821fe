/**
 * Every Redis key the service uses, built in one place. All keys of an org share the hash tag
 * `{org:ID}`, so one org's keys live on one Redis Cluster slot and its scripts stay atomic.
 */
const PREFIX = 'cb';

function orgTag(orgId: string): string {
  return `${PREFIX}:{org:${orgId}}`;
}

export const keys = {
  /** The rolling window: a header (totals, org estimate, probe state) and 1,441 packed one-minute counters. */
  window: (orgId: string) => `${orgTag(orgId)}:win`,
  /** Calls by relationship and direction in one hour (hash), kept 25 h. */
  usageHour: (orgId: string, hour: number) => `${orgTag(orgId)}:usage:h:${hour}`,
  /** An org's settings (JSON). */
  orgSettings: (orgId: string) => `${orgTag(orgId)}:settings`,
  /** Set of every org id. */
  orgIndex: () => `${PREFIX}:orgs`,
  /** Pub/sub channel: an org's settings were written or it was deleted (message: JSON {id, removed}). */
  orgEvents: () => `${PREFIX}:orgs:events`,
  /** Recent notifications of an org (capped list of JSON). */
  notifications: (orgId: string) => `${orgTag(orgId)}:notifications`,
  /** Present while a notification of this kind was recently sent (dedupe). */
  notificationGuard: (orgId: string, kind: string) => `${orgTag(orgId)}:notice:${kind}`,
  /** Salesforce error log of an org (capped list of JSON). */
  errorLog: (orgId: string) => `${orgTag(orgId)}:errors`,
  /** Errors of the log at or before this moment (epoch ms) are acknowledged. */
  errorAck: (orgId: string) => `${orgTag(orgId)}:errors:ack`,
  /** Field usage counters (filled, changed, phone back-and-forth) of one clock hour (hash), kept 25 h. */
  fieldUsageHour: (orgId: string, hour: number) => `${orgTag(orgId)}:fields:h:${hour}`,
  /** Hashes of a record's field values as last seen by one relationship (JSON), kept 24 h. */
  fieldValues: (orgId: string, relationship: string, recordId: string) => `${orgTag(orgId)}:fields:v:${relationship}:${recordId.slice(0, 15)}`,
  /** An API key's record, by key id (looked up before the org is known). */
  apiKey: (keyId: string) => `${PREFIX}:apikey:${keyId}`,
  /** Key ids of an org. */
  orgApiKeys: (orgId: string) => `${orgTag(orgId)}:apikeys`,
  /** Audit log of an org (capped list of JSON). */
  auditLog: (orgId: string) => `${orgTag(orgId)}:audit`,
  /** Present while a key's use of one capability was audited recently (throttle). */
  keyUseGuard: (orgId: string, keyId: string, what: string) => `${orgTag(orgId)}:audit:use:${keyId}:${what}`,
  /** Failed authentications from one client address. */
  authFailures: (client: string) => `${PREFIX}:authfail:${client}`,
  /** Failed authentications claiming one API key id (`cbk_<id>_…` or `00D…!cb<id>.…`), from any address. */
  authFailuresOfKey: (keyId: string) => `${PREFIX}:authfail-key:${keyId}`,
  /** Prefix every key of an org starts with; for cleanup and memory measurement. */
  orgPrefix: (orgId: string) => orgTag(orgId),
};
