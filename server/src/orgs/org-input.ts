/** What a client may send to create or change an org; unknown fields are refused, not dropped. */
import { z } from 'zod';
import { salesforceCredentialsSchema } from '../salesforce/credentials.ts';
import { PLANS } from './org.ts';
import { isOriginPattern } from '../http/origins.ts';
import { alertSettingsSchema } from '../alerts/alert-input.ts';

const thresholds = z
  .object({
    interactive: z.number().min(0).max(1),
    sync: z.number().min(0).max(1),
    bulk: z.number().min(0).max(1),
  })
  .strict();

/** Every settable field, without defaults: a patch must change only what it names. */
const orgFields = {
  name: z.string().trim().min(1).max(200),
  plan: z.enum(PLANS),
  dailyLimit: z.number().int().min(1).max(1_000_000_000),
  reservePercent: z.number().min(0).max(90),
  thresholds,
  salesforce: salesforceCredentialsSchema,
  deferWhenLimited: z.boolean(),
  corsOrigins: z.array(z.string().max(300).refine(isOriginPattern, 'an origin like https://crm.example.com or https://*.my.salesforce.com')).max(50),
  alerts: alertSettingsSchema,
};

export const orgCreateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes, at most 63'),
    name: orgFields.name,
    plan: orgFields.plan.default('advanced'),
    dailyLimit: orgFields.dailyLimit.default(15_000),
    reservePercent: orgFields.reservePercent.default(10),
    thresholds: thresholds.optional(),
    salesforce: salesforceCredentialsSchema.optional(),
    corsOrigins: orgFields.corsOrigins.default([]),
    alerts: alertSettingsSchema.optional(),
    deferWhenLimited: orgFields.deferWhenLimited.default(true),
  })
  .strict();

export const orgPatchSchema = z.object(orgFields).partial().strict();

export type OrgCreateInput = z.infer<typeof orgCreateSchema>;
export type OrgPatchInput = z.infer<typeof orgPatchSchema>;
