/**
 * What the passthrough forwards for one client request, read and checked in full before anything
 * is sent or counted: method, target, headers, body and the priority the limiter admits it at.
 */
import { prioritiesFor } from '../access/capabilities.ts';
import type { Principal } from '../access/principal.ts';
import { Problem } from '../errors.ts';
import { PRIORITIES, type Priority } from '../limiter/types.ts';
import { pickRequestHeaders } from './forward-headers.ts';
import { upstreamTarget, type UpstreamTarget } from './upstream-target.ts';

/** Methods Salesforce's REST API uses; anything else is refused with 405. */
export const FORWARD_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
export type ForwardMethod = (typeof FORWARD_METHODS)[number];

/** Methods whose body is forwarded (jsforce's transport sends no body with the others). */
export const BODY_METHODS: ReadonlySet<ForwardMethod> = new Set(['POST', 'PUT', 'PATCH']);

/** Header that picks the limiter priority of a passthrough request. */
export const PRIORITY_HEADER = 'x-callbudget-priority';

export interface ForwardRequest {
  method: ForwardMethod;
  target: UpstreamTarget;
  /** Allowlisted headers, lower case, without Authorization. */
  headers: Record<string, string>;
  /** Raw bytes as received; undefined for methods without a body. */
  body: Buffer | undefined;
  priority: Priority;
}

/** The request line and headers as the route sees them, with no Fastify types. */
export interface IncomingRequest {
  method: string;
  /** Raw request URL, path and query, as sent on the wire. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

function isForwardMethod(method: string): method is ForwardMethod {
  return (FORWARD_METHODS as readonly string[]).includes(method);
}

/** The limiter priority asked for; a passthrough client is sync traffic unless it says otherwise. */
export function priorityOf(header: string | string[] | undefined): Priority {
  if (header === undefined) return 'sync';
  const value = (Array.isArray(header) ? header.join(',') : header).trim().toLowerCase();
  if ((PRIORITIES as readonly string[]).includes(value)) return value as Priority;
  throw new Problem('VALIDATION_FAILED', `${PRIORITY_HEADER} must be one of ${PRIORITIES.join(', ')}.`, { errors: [{ location: `headers/${PRIORITY_HEADER}`, message: `must be one of ${PRIORITIES.join(', ')}` }] });
}

/** Refuse (403, before any call) a priority the caller's key may not ask for; a sync key may not ask `interactive`. */
export function checkPriority(request: ForwardRequest, principal: Principal): ForwardRequest {
  const allowed = prioritiesFor(principal);
  if (allowed.includes(request.priority)) return request;
  throw new Problem('FORBIDDEN_SCOPE', `This key may ask ${PRIORITY_HEADER}: ${allowed.join(' or ')}, not ${request.priority}.`, {
    errors: [{ location: `headers/${PRIORITY_HEADER}`, message: `must be one of ${allowed.join(', ')} for this key` }],
  });
}

/** Body bytes: the route's parser keeps them raw; a string is re-encoded as the UTF-8 it came as. */
function bodyBytes(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  throw new Problem('INTERNAL', 'passthrough body was parsed; the raw body parser is not in place');
}

/** Check a request line and headers and describe what to forward; throws a 4xx Problem before any call is made. */
export function readForwardRequest(request: IncomingRequest, clientName: string): ForwardRequest {
  const method = request.method.toUpperCase();
  if (!isForwardMethod(method)) throw new Problem('METHOD_NOT_ALLOWED', `${method} is not passed through; use ${FORWARD_METHODS.join(', ')}.`, {}, { Allow: FORWARD_METHODS.join(', ') });
  const target = upstreamTarget(request.url);
  if (target.versionsList && method !== 'GET' && method !== 'HEAD') {
    throw new Problem('METHOD_NOT_ALLOWED', 'The versions list is read-only.', {}, { Allow: 'GET, HEAD' });
  }
  return {
    method,
    target,
    headers: pickRequestHeaders(request.headers, clientName),
    body: undefined,
    priority: priorityOf(request.headers[PRIORITY_HEADER]),
  };
}

/** The request with its body, once parsed; methods without a body forward none. */
export function withBody(request: ForwardRequest, body: unknown): ForwardRequest {
  return BODY_METHODS.has(request.method) ? { ...request, body: bodyBytes(body) } : request;
}
