/** What an admin may send to create or change a webhook endpoint; unknown fields are refused. */
import { z } from 'zod';
import { ALERT_TYPES } from '../alerts/alert-types.ts';

const events = z
  .array(z.enum(ALERT_TYPES))
  .min(1)
  .refine((list) => new Set(list).size === list.length, 'each type once');

const fields = {
  url: z.string().trim().min(1).max(2000),
  events,
  format: z.enum(['json', 'slack']),
  description: z.string().trim().max(200),
};

export const webhookCreateSchema = z.object({ ...fields, events: events.default([...ALERT_TYPES]), format: fields.format.default('json'), description: fields.description.optional() }).strict();

export const webhookPatchSchema = z.object(fields).partial().strict();
