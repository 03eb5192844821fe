/** Validates input with a zod schema; a failure is a 400 problem listing each problem's location. */
import type { z } from 'zod';
import { Problem } from '../errors.ts';

/** Parse `value` or throw VALIDATION_FAILED. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const errors = result.error.issues.slice(0, 50).map((issue) => ({
    location: [where, ...issue.path.map(String)].join('/'),
    message: issue.message,
  }));
  throw new Problem('VALIDATION_FAILED', `Invalid ${where}: ${errors[0]?.location} ${errors[0]?.message}`, { errors });
}
