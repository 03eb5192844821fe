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
  /** Ids of the org's notifications an admin marked read (set). */
  notificationsRead: (orgId: string) => `${orgTag(orgId)}:notifications:read`,
  /** When an alert of this type was last sent for the org (JSON {sentAt}): its quiet interval. */
  alertQuiet: (orgId: string, type: string) => `${orgTag(orgId)}:alert:quiet:${type}`,
  /** Present while calls of this priority are being refused (JSON {since}): the episode a resume ends. */
  alertEpisode: (orgId: string, priority: string) => `${orgTag(orgId)}:alert:episode:${priority}`,
  /** Pub/sub channel: an episode of refusals began (message: JSON {orgId, priority, since}). */
  alertEpisodes: () => `${PREFIX}:alerts:episodes`,
  /** One webhook endpoint of an org (JSON, secret sealed). */
  webhookEndpoint: (orgId: string, endpointId: string) => `${orgTag(orgId)}:webhook:${endpointId}`,
  /** Ids of an org's webhook endpoints (set). */
  webhookEndpoints: (orgId: string) => `${orgTag(orgId)}:webhooks`,
  /** Recent delivery attempts of one endpoint (capped list of JSON). */
  webhookDeliveries: (orgId: string, endpointId: string) => `${orgTag(orgId)}:webhook:${endpointId}:deliveries`,
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
  /** What became of chunk `n` of deferred job `jobId` (JSON: sending, or its outcome), kept 25 h. */
  jobChunk: (orgId: string, jobId: string, n: number) => `${orgTag(orgId)}:job:${jobId}:chunk:${n}`,
  /** A cancelled job's view (the queue no longer holds it), kept 24 h. */
  jobCancelled: (orgId: string, jobId: string) => `${orgTag(orgId)}:job:${jobId}:cancelled`,
  /** An Idempotency-Key of an org: the request's fingerprint and its job id (JSON), kept 24 h. */
  idempotencyKey: (orgId: string, keyHash: string) => `${orgTag(orgId)}:idem:${keyHash}`,
  /** Set of org ids that have (had) deferred jobs: every instance runs a worker for each. */
  jobOrgs: () => `${PREFIX}:jobs:orgs`,
  /** Pub/sub channel: an org got its first deferred job (message: the org id). */
  jobOrgEvents: () => `${PREFIX}:jobs:orgs:events`,
  /** Prefix every key of an org starts with; for cleanup and memory measurement. */
  orgPrefix: (orgId: string) => orgTag(orgId),
};
