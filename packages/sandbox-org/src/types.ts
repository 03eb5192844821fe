/**
 * Contracts shared by the sandbox org's platform part (auth, limits, control API)
 * and its data part (objects, records, query). Each side owns its own folder.
 */
import type { SoqlSource } from './soql/index.ts';

/** Time source; tests inject a manual clock so a 24 h window runs in milliseconds. */
export interface Clock {
  now(): number;
}

/** A custom field an org adds to a standard object (name must end in `__c`). */
export interface CustomFieldSpec {
  object: string;
  name: string;
  type: 'string' | 'double' | 'int' | 'boolean' | 'date' | 'datetime' | 'picklist' | 'phone' | 'email' | 'textarea' | 'url' | 'percent' | 'currency';
  label?: string;
  length?: number;
  externalId?: boolean;
  unique?: boolean;
  picklistValues?: string[];
}

/** One Salesforce-shaped error body element (the REST API answers an array of these). */
export interface SfErrorBody {
  message: string;
  errorCode: string;
  fields?: string[];
}

/**
 * A record store plus object catalogue for one org (owned by data/).
 * Records are plain objects keyed by canonical field names.
 */
export interface OrgData extends SoqlSource {
  /** Insert records as Salesforce would (validation, ids, system fields); used by the control API seed. */
  seed(object: string, records: Record<string, unknown>[]): { ids: string[] } | { error: SfErrorBody };
  /** Add a custom field to a standard object; bumps that object's describe Last-Modified. */
  addCustomField(spec: CustomFieldSpec): { ok: true } | { error: SfErrorBody };
  /** Number of live (not deleted) records of an object, for the control API and tests. */
  count(object: string): number;
  /** Drop every record (keeps custom fields). */
  clear(): void;
}

/** Factory the platform calls when it creates an org. */
export type CreateOrgData = (options: { orgId: string; clock: Clock; userId: string; username?: string }) => OrgData;

/** What a test or the demo asks for when it creates an org (all optional, with named defaults). */
export interface OrgSpec {
  /** DailyApiRequests Max. @default 15000 */
  dailyLimit?: number;
  /** Calls already in the window at creation, spread evenly over the preceding 24 h. @default 0 */
  usageAtStart?: number;
  /** Calls per hour other integrations spend in this org. @default 0 */
  otherIntegrationsPerHour?: number;
  /** Added latency per counted call, in ms (opt-in realism). @default 0 */
  latencyMs?: number;
  /** Login username. @default generated, e.g. `admin@<orgId>.sandbox` */
  username?: string;
  /** Login password. @default generated */
  password?: string;
  /** PEM public key that JWT bearer assertions of this org's connected app must verify against. */
  jwtPublicKey?: string;
  /** Custom fields to add at creation. */
  customFields?: CustomFieldSpec[];
}

/** What createOrg returns: everything a client needs to log in. */
export interface OrgInfo {
  orgId: string;
  userId: string;
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
  /** A ready access token, for clients that skip login. */
  accessToken: string;
  instanceUrl: string;
  loginUrl: string;
}

/** Per-request context the platform attaches after authenticating a data API call. */
export interface SandboxRequestContext {
  orgId: string;
  userId: string;
  data: OrgData;
  /** e.g. '62.0' */
  apiVersion: string;
  instanceUrl: string;
  clock: Clock;
  /**
   * Count one more DailyApiRequest for this request (a Composite Batch subrequest after the first);
   * false, counting nothing, when the org's window is full.
   */
  countAnotherCall: () => boolean;
  /** The body of `GET /limits` now (Composite Batch may call it as a subrequest). */
  limits: () => unknown;
}

declare module 'fastify' {
  interface FastifyRequest {
    sandbox: SandboxRequestContext;
  }
}
