/** What an admin may send as an org's `alerts` settings; unknown fields and alert types are refused. */
import { z } from 'zod';
import { ALERT_TYPES, type AlertType } from './alert-types.ts';

/** A quiet interval: 0 (every crossing is sent) up to a week. */
const quiet = z.number().int().min(0).max(10_080);

export const alertSettingsSchema = z
  .object({
    warnAtPercent: z
      .array(z.number().int().min(1).max(100))
      .max(5)
      .refine((list) => new Set(list).size === list.length, 'each threshold once'),
    quietMinutes: z.strictObject(Object.fromEntries(ALERT_TYPES.map((type) => [type, quiet.optional()])) as Record<AlertType, z.ZodOptional<typeof quiet>>),
  })
  .partial()
  .strict();

export type AlertSettingsInput = z.infer<typeof alertSettingsSchema>;
