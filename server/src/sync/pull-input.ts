/**
 * The query of GET /sync/:relationship: where to start (since, or a cursor from the previous page),
 * how many records, and for relationships over two objects, which one. Every part is validated
 * here, before any call; what reaches SOQL is numbers and checked names only.
 */
import { z } from 'zod';
import { Problem } from '../errors.ts';
import { decodeCursor } from './pull-cursor.ts';
import type { Relationship } from './relationships.ts';
import { parseIsoDateTime, type PullPosition } from './soql.ts';

export const DEFAULT_PULL_LIMIT = 500;
export const MAX_PULL_LIMIT = 2000;

export const pullQuerySchema = z
  .object({
    since: z.string().max(64).optional(),
    cursor: z.string().max(256).optional(),
    limit: z
      .string()
      .regex(/^[0-9]{1,4}$/, 'an integer from 1 to 2000')
      .optional(),
    sobject: z.string().max(80).optional(),
  })
  .strict();

/** A validated pull request. */
export interface PullInput {
  object: string;
  /** Undefined: from the beginning. */
  after?: PullPosition;
  /** The cursor the client sent, handed back when a page comes back empty. */
  cursor?: string;
  limit: number;
}

const invalid = (location: string, message: string): Problem => new Problem('VALIDATION_FAILED', `Invalid query: ${location} ${message}`, { errors: [{ location, message }] });

/** Resolve the raw query into a PullInput, or throw a 400 naming the bad parameter. */
export function pullInput(relationship: Relationship, query: z.infer<typeof pullQuerySchema>): PullInput {
  const objects = relationship.objects;
  const object = query.sobject ?? (objects.length === 1 ? objects[0] : undefined);
  if (object === undefined || !objects.includes(object)) throw invalid('query/sobject', `${relationship.name} pulls one of ${objects.join(', ')}: name it in sobject`);
  const limit = query.limit === undefined ? DEFAULT_PULL_LIMIT : Number(query.limit);
  if (limit < 1 || limit > MAX_PULL_LIMIT) throw invalid('query/limit', `an integer from 1 to ${MAX_PULL_LIMIT}`);
  if (query.since !== undefined && query.cursor !== undefined) throw invalid('query/cursor', 'send either since (first page) or cursor (next pages), not both');
  if (query.cursor !== undefined) {
    const position = decodeCursor(query.cursor, object);
    if ('error' in position) throw invalid('query/cursor', position.error);
    return { object, after: position, cursor: query.cursor, limit };
  }
  if (query.since !== undefined) {
    const since = parseIsoDateTime(query.since);
    if (since === undefined) throw invalid('query/since', 'an ISO-8601 date-time with a zone, e.g. 2026-01-31T09:30:00Z');
    return { object, after: { modstamp: since }, limit };
  }
  return { object, limit };
}
