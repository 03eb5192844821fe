/** The body of POST /sync/:relationship; per-record content is checked later, record by record. */
import { z } from 'zod';
import { SALESFORCE_NAME } from './soql.ts';

/** Most records one push request may carry (10 sObject Collections requests). */
export const MAX_PUSH_RECORDS = 2000;
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return !Object.keys(value).some((key) => PROTOTYPE_KEYS.has(key));
}

const record = z.custom<Record<string, unknown>>(isPlainRecord, 'each record is a JSON object without __proto__, constructor or prototype keys');

export const pushBodySchema = z
  .object({
    operation: z.enum(['create', 'update', 'upsert']),
    /** Salesforce field an upsert matches on: Id, or an external id / idLookup field. */
    externalIdField: z.string().regex(SALESFORCE_NAME, 'not a Salesforce field name').optional(),
    records: z.array(record).min(1).max(MAX_PUSH_RECORDS),
    allOrNone: z.boolean().optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.operation === 'upsert' && body.externalIdField === undefined) ctx.addIssue({ code: 'custom', path: ['externalIdField'], message: 'upsert needs externalIdField' });
    if (body.operation !== 'upsert' && body.externalIdField !== undefined) ctx.addIssue({ code: 'custom', path: ['externalIdField'], message: 'only upsert takes externalIdField' });
  });

export type PushBody = z.infer<typeof pushBodySchema>;
export type PushOperation = PushBody['operation'];
