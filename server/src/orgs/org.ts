/** One connected Salesforce org: our tenant. */
import { randomBytes } from 'node:crypto';
import type { LimiterPolicy } from '../limiter/limiter.ts';
import type { FieldMapping } from '../sync/default-mappings.ts';
import type { RelationshipName } from '../sync/relationships.ts';
import type { AlertSettings } from '../alerts/alert-types.ts';

/** A fresh incarnation: 96 random bits, URL- and ETag-safe. */
export function newIncarnation(): string {
  return randomBytes(12).toString('base64url');
}

export const PLANS = ['trial', 'essential', 'advanced', 'ultimate'] as const;
export type Plan = (typeof PLANS)[number];

export interface Org {
  id: string;
  /**
   * Random, fixed at creation: which org of this id this is. An org deleted and created again with
   * the same id is another incarnation, so nothing bound to the old one (connections, widget
   * sessions, ETags, writes in flight) is taken for the new one.
   */
  incarnation: string;
  name: string;
  plan: Plan;
  policy: LimiterPolicy;
  /** Sealed (AES-256-GCM) JSON of SalesforceCredentials; never leaves the service in any form. */
  sealedCredentials?: string;
  /** What the credentials were validated against: Salesforce's org id and instance. */
  salesforce?: { orgId: string; instanceUrl: string; validatedAt: string };
  mappings: Record<RelationshipName, FieldMapping[]>;
  /** Alert thresholds and quiet intervals; absent on orgs made before alerts (defaults apply, alert-types.ts). */
  alerts?: AlertSettings;
  /** A push the limiter refuses becomes a deferred job (202) instead of a 429; absent means on. */
  deferWhenLimited?: boolean;
  /** Origins allowed to call the API from a browser (widget embedding). */
  corsOrigins: string[];
  createdAt: string;
  updatedAt: string;
  /** Bumped on every change; every write is a compare-and-set on (incarnation, revision). */
  revision: number;
  /** Set while the org is being deleted: it is gone for readers, and its id is not free yet. */
  deletingSince?: string;
}
