/**
 * Input rules of the control API, shared by its HTTP routes and its programmatic form, so a bad
 * body is a 400 with the offending field, never a 500 and never a half-created org.
 */
import { z } from 'zod';
import type { CustomFieldSpec, OrgSpec } from '../types.ts';

const count = (max: number) => z.number().int().min(0).max(max);

/** One custom field (see CustomFieldSpec in types.ts). */
export const customFieldSchema = z.strictObject({
  object: z.string().min(1).max(80),
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,37}__c$/, 'must be an API name ending in __c'),
  type: z.enum(['string', 'double', 'int', 'boolean', 'date', 'datetime', 'picklist', 'phone', 'email', 'textarea', 'url', 'percent', 'currency']),
  label: z.string().min(1).max(80).optional(),
  length: z.number().int().min(1).max(131_072).optional(),
  externalId: z.boolean().optional(),
  unique: z.boolean().optional(),
  picklistValues: z.array(z.string().min(1).max(255)).max(1000).optional(),
}) satisfies z.ZodType<CustomFieldSpec>;

/** OrgSpec (types.ts), every field optional. */
export const orgSpecSchema = z.strictObject({
  dailyLimit: count(1_000_000_000).optional(),
  usageAtStart: count(1_000_000_000).optional(),
  otherIntegrationsPerHour: z.number().min(0).max(100_000_000).optional(),
  latencyMs: count(60_000).optional(),
  username: z
    .string()
    .min(3)
    .max(80)
    .regex(/^\S+@\S+$/, 'must look like an email address')
    .optional(),
  password: z.string().min(1).max(128).optional(),
  jwtPublicKey: z.string().min(1).max(20_000).optional(),
  customFields: z.array(customFieldSchema).max(500).optional(),
}) satisfies z.ZodType<OrgSpec>;

/** What `PATCH /_sandbox/orgs/:orgId` may change on a live org. */
export const orgPatchSchema = z.strictObject({
  dailyLimit: count(1_000_000_000).optional(),
  otherIntegrationsPerHour: z.number().min(0).max(100_000_000).optional(),
  latencyMs: count(60_000).optional(),
});
/** Input of `PATCH /_sandbox/orgs/:orgId`. */
export type OrgPatch = z.input<typeof orgPatchSchema>;

/** Which data API calls a fault applies to (path relative to /services/data/vXX.X, e.g. `/composite`). */
const faultTarget = {
  method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'HEAD']).optional(),
  pathContains: z.string().min(1).max(500).optional(),
};
/** Next `count` matching calls, or each with `probability` (seeded RNG), or both (at most `count`). */
const faultFrequency = {
  count: z.number().int().min(1).max(1_000_000_000).optional(),
  probability: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
};

const absoluteUrl = z
  .string()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');

/** A fault to inject into one org's data API (or, `token-answer`, its token endpoint). */
export const faultSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('error'),
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(500),
    errorCode: z.string().min(1).max(100).optional(),
    message: z.string().min(1).max(2000).optional(),
    ...faultTarget,
    ...faultFrequency,
  }),
  z.strictObject({
    kind: z.literal('hang'),
    ms: z.number().int().min(1).max(600_000),
    ...faultTarget,
    ...faultFrequency,
  }),
  /** Data calls answered with a redirect to `location` (a Salesforce that moved, or a hostile host). */
  z.strictObject({
    kind: z.literal('redirect'),
    status: z.union([z.literal(301), z.literal(302), z.literal(303), z.literal(307), z.literal(308)]).default(302),
    location: absoluteUrl,
    ...faultTarget,
    ...faultFrequency,
  }),
  /**
   * The token endpoint's answer for this org's connected app until cleared: a successful login names
   * `instanceUrl` (and/or the `id` URL `idUrl`) instead of this sandbox, or every token request is
   * redirected to `redirectTo`. Tests that a client checks where a login sends it.
   */
  z.strictObject({
    kind: z.literal('token-answer'),
    instanceUrl: absoluteUrl.optional(),
    idUrl: absoluteUrl.optional(),
    redirectTo: absoluteUrl.optional(),
    redirectStatus: z.union([z.literal(301), z.literal(302), z.literal(303), z.literal(307), z.literal(308)]).default(307),
  }),
  z.strictObject({ kind: z.literal('invalid-session'), count: z.number().int().min(1).max(1_000_000).default(1) }),
  z.strictObject({ kind: z.literal('concurrency'), maxInFlight: count(100_000) }),
]);
/** Input of `POST /_sandbox/orgs/:orgId/faults` (defaults not yet applied). */
export type FaultSpec = z.input<typeof faultSpecSchema>;
/** A fault spec after validation, defaults applied. */
export type ParsedFaultSpec = z.output<typeof faultSpecSchema>;

const recordSchema = z.record(z.string(), z.unknown());
/** Seed body: an array of records or `{records: [...]}`. */
export const seedBodySchema = z.union([z.array(recordSchema).max(50_000), z.strictObject({ records: z.array(recordSchema).max(50_000) })]);

/** Custom fields body: one spec, an array, or `{fields: [...]}`. */
export const customFieldsBodySchema = z.union([customFieldSchema, z.array(customFieldSchema).max(500), z.strictObject({ fields: z.array(customFieldSchema).max(500) })]);

/** Invalidate one access token, or (without one) every access token of the org. */
export const invalidateBodySchema = z.strictObject({ accessToken: z.string().min(1).max(500).optional() });

/** Move a manual clock forward. */
export const advanceBodySchema = z.strictObject({ ms: count(10 * 366 * 86_400_000) });

/** Paging of the ground truth's `calls` (query string). */
export const groundTruthQuerySchema = z.strictObject({
  offset: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

/** A readable one-line summary of a zod error, e.g. `dailyLimit: Too small: expected number to be >=0`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
}
