/** What a push request asks for besides its body: a priority, and (RFC 7240) an asynchronous answer. */
import type { FastifyRequest } from 'fastify';
import { prioritiesFor } from '../access/capabilities.ts';
import { Problem } from '../errors.ts';
import type { Priority } from '../limiter/types.ts';
import { priorityOf, PRIORITY_HEADER } from '../passthrough/forward-request.ts';

/** The push's limiter priority (`x-callbudget-priority`, default sync); `interactive` only for admin and operator keys. */
export function pushPriority(request: FastifyRequest): Priority {
  const priority = priorityOf(request.headers[PRIORITY_HEADER]);
  const allowed = request.principal ? prioritiesFor(request.principal) : ['sync', 'bulk'];
  if (allowed.includes(priority)) return priority;
  throw new Problem('FORBIDDEN_SCOPE', `This key may ask ${PRIORITY_HEADER}: ${allowed.join(' or ')}, not ${priority}.`, {
    errors: [{ location: `headers/${PRIORITY_HEADER}`, message: `must be one of ${allowed.join(', ')} for this key` }],
  });
}

/** True when `Prefer` carries `respond-async` (other preferences are ignored, as RFC 7240 allows). */
export function prefersAsync(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => part.split(';')[0]!.trim().toLowerCase() === 'respond-async');
}
