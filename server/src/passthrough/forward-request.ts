/**
 * What the passthrough forwards for one client request, read and checked in full before anything
 * is sent or counted: method, target, headers, body and the priority the limiter admits it at.
 */
import { Readable } from 'node:stream';
import { prioritiesFor } from '../access/capabilities.ts';
import type { Principal } from '../access/principal.ts';
import { Problem } from '../errors.ts';
import { PRIORITIES, type Priority } from '../limiter/types.ts';
import { readHead } from '../salesforce/answer-head.ts';
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
  /**
   * The body: bytes when small enough to hold (≤ 1 MB, so it can be replayed after a session
   * renewal), else the client's stream, forwarded as it arrives; undefined for methods without one.
   */
  body: Buffer | Readable | undefined;
  /** The client's Content-Length, sent on with a streamed body (without one it goes chunked, as it came). */
  contentLength?: string;
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

/** Bodies up to this size are read whole before sending, so a refused session can replay them. */
export const REPLAYABLE_BODY_BYTES = 1024 * 1024;

/**
 * The body to forward: the route's parser hands on the raw stream (or a test a Buffer or string);
 * a small one is read whole, a larger one streams on with its first bytes put back.
 */
export async function forwardBody(body: unknown): Promise<Buffer | Readable> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Readable) {
    const { head, body: whole, complete } = await readHead(body, REPLAYABLE_BODY_BYTES + 1);
    return complete ? head : whole;
  }
  throw new Problem('INTERNAL', 'passthrough body was parsed; the raw body parser is not in place');
}

/**
 * Check a request line and headers and describe what to forward; throws a 4xx Problem before any
 * call is made. `prefixSegments`: the path segments of the mount in front of `/services` (mounts.ts).
 */
export function readForwardRequest(request: IncomingRequest, clientName: string, prefixSegments: number): ForwardRequest {
  const method = request.method.toUpperCase();
  if (!isForwardMethod(method)) throw new Problem('METHOD_NOT_ALLOWED', `${method} is not passed through; use ${FORWARD_METHODS.join(', ')}.`, {}, { Allow: FORWARD_METHODS.join(', ') });
  const target = upstreamTarget(request.url, prefixSegments);
  if (target.versionsList && method !== 'GET' && method !== 'HEAD') {
    throw new Problem('METHOD_NOT_ALLOWED', 'The versions list is read-only.', {}, { Allow: 'GET, HEAD' });
  }
  return {
    method,
    target,
    headers: pickRequestHeaders(request.headers, clientName),
    body: undefined,
    ...(typeof request.headers['content-length'] === 'string' ? { contentLength: request.headers['content-length'] } : {}),
    priority: priorityOf(request.headers[PRIORITY_HEADER]),
  };
}

/** The request with its body (see forwardBody); methods without a body forward none, and a stream of one is drained. */
export async function withBody(request: ForwardRequest, body: unknown): Promise<ForwardRequest> {
  if (BODY_METHODS.has(request.method)) return { ...request, body: await forwardBody(body) };
  if (body instanceof Readable) body.resume();
  return request;
}
