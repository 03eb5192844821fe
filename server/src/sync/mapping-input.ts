/** The body of PUT /mappings/:relationship: CRM field → Salesforce field (or Unassigned) and conflict rule. */
import { z } from 'zod';
import { SALESFORCE_NAME } from './soql.ts';

/** CRM field names: safe as JSON keys and never one of the reserved record keys. */
export const CRM_FIELD = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** Keys a pushed record uses for itself, and keys that could reach an object's prototype. */
export const RESERVED_RECORD_KEYS: ReadonlySet<string> = new Set(['id', 'sobject', 'modifiedat', '__proto__', 'constructor', 'prototype']);

/** Largest mapping list one relationship may have. */
export const MAX_MAPPINGS = 500;

const mapping = z
  .object({
    crmField: z
      .string()
      .regex(CRM_FIELD, 'a letter, then letters, digits or _ (at most 64)')
      .refine((name) => !RESERVED_RECORD_KEYS.has(name.toLowerCase()), 'is reserved (id, sobject, modifiedAt, constructor, prototype)'),
    salesforceField: z.string().regex(SALESFORCE_NAME, 'not a Salesforce field name').nullable(),
    conflict: z.enum(['crm', 'salesforce', 'recent']),
  })
  .strict();

export const mappingPutSchema = z
  .object({ mappings: z.array(mapping).max(MAX_MAPPINGS) })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.mappings.forEach((m, i) => {
      if (seen.has(m.crmField)) ctx.addIssue({ code: 'custom', path: ['mappings', i, 'crmField'], message: `${m.crmField} is mapped twice` });
      seen.add(m.crmField);
    });
  });

export type MappingPutInput = z.infer<typeof mappingPutSchema>;
