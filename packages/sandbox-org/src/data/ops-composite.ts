/**
 * POST /composite: up to 25 subrequests run in order, in-process, through the same operations as
 * the HTTP routes (the platform counts the whole request as one call). With allOrNone, the first
 * failure rolls everything back and every other subrequest reports PROCESSING_HALTED.
 */
import { bareRecord } from './bare-record.ts';
import { resolveBody, resolveString, UnresolvedReference } from './composite-refs.ts';
import { sfError } from './op.ts';
import type { Operation, OpContext, OpResult } from './op.ts';
import { matchRoute } from './route-table.ts';

const MAX_SUBREQUESTS = 25;
const REFERENCE_ID = /^[A-Za-z0-9_]+$/;
const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);
const ROLLED_BACK = 'The transaction was rolled back since another operation in the same transaction failed.';

interface SubRequest {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, unknown>;
}

interface SubResponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

const halted = (referenceId: string, message: string): SubResponse => ({
  body: [{ errorCode: 'PROCESSING_HALTED', message }],
  httpHeaders: {},
  httpStatusCode: 400,
  referenceId,
});

/** Check the envelope; any problem refuses the whole request before anything runs. */
function readSubrequests(body: unknown): SubRequest[] | OpResult {
  const list = (body as { compositeRequest?: unknown } | null)?.compositeRequest;
  if (!Array.isArray(list) || list.length === 0) return sfError(400, 'JSON_PARSER_ERROR', 'compositeRequest is required and must be a non-empty array');
  if (list.length > MAX_SUBREQUESTS) return sfError(400, 'LIMIT_EXCEEDED', `Composite request can contain at most ${MAX_SUBREQUESTS} subrequests`);
  const seen = new Set<string>();
  for (const s of list as Partial<SubRequest>[]) {
    if (typeof s?.method !== 'string' || !METHODS.has(s.method) || typeof s.url !== 'string') {
      return sfError(400, 'JSON_PARSER_ERROR', 'Each subrequest needs a method (GET, POST, PATCH, PUT, DELETE) and a url');
    }
    if (typeof s.referenceId !== 'string' || !REFERENCE_ID.test(s.referenceId)) {
      return sfError(400, 'INVALID_INPUT', `Invalid reference id: ${String(s.referenceId)}. Reference IDs can only contain alphanumeric characters and underscores.`);
    }
    if (seen.has(s.referenceId)) return sfError(400, 'INVALID_INPUT', `Duplicate referenceId provided in the request: ${s.referenceId}`);
    seen.add(s.referenceId);
  }
  return list as SubRequest[];
}

/** Run one subrequest against the route table. */
function runOne(ctx: OpContext, sub: SubRequest, url: string, body: unknown): OpResult {
  const m = /^\/services\/data\/v(\d+\.\d+)(\/[^?]*)?(?:\?(.*))?$/.exec(url);
  if (!m) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
  const match = matchRoute(sub.method, m[2] ?? '/');
  if ('notFound' in match) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
  if ('methodNotAllowed' in match) {
    return sfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${sub.method}' not allowed. Allowed are ${match.methodNotAllowed.join(',')}`);
  }
  const query: Record<string, string> = bareRecord();
  for (const [k, v] of new URLSearchParams(m[3] ?? '')) query[k] = v;
  const headers: Record<string, string> = bareRecord();
  for (const [k, v] of Object.entries(sub.httpHeaders ?? {})) headers[k.toLowerCase()] = String(v);
  return match.route.op({ ...ctx, apiVersion: m[1]! }, { params: match.params, query, body, headers });
}

/** A failure for allOrNone purposes: an error status, or (all-or-none) a failed collection record. */
function failed(result: OpResult, allOrNone: boolean): boolean {
  if (result.status >= 400) return true;
  // Collections report per-record failures inside a 200; they only stop an all-or-none composite.
  return allOrNone && Array.isArray(result.body) && result.body.some((r) => (r as { success?: unknown } | null)?.success === false);
}

/** POST /composite `{allOrNone, compositeRequest: [...]}`. */
export const composite: Operation = (ctx, req) => {
  const subs = readSubrequests(req.body);
  if (!Array.isArray(subs)) return subs;
  const allOrNone = (req.body as { allOrNone?: unknown }).allOrNone === true;
  const store = ctx.org.store;
  const savepoint = store.savepoint();
  const byRef = new Map<string, { status: number; body: unknown }>();
  const responses: SubResponse[] = [];
  const subCtx: OpContext = { ...ctx, forceAllOrNone: allOrNone };
  for (const sub of subs) {
    let response: SubResponse;
    try {
      const url = resolveString(sub.url, byRef);
      const body = sub.body === undefined ? undefined : resolveBody(sub.body, byRef);
      const result = runOne(subCtx, sub, url, body);
      response = { body: result.body ?? null, httpHeaders: result.headers ?? {}, httpStatusCode: result.status, referenceId: sub.referenceId };
      byRef.set(sub.referenceId, { status: failed(result, allOrNone) ? 400 : result.status, body: result.body });
    } catch (e) {
      if (!(e instanceof UnresolvedReference)) throw e;
      response = halted(sub.referenceId, e.message);
      byRef.set(sub.referenceId, { status: 400, body: response.body });
    }
    responses.push(response);
    if (allOrNone && byRef.get(sub.referenceId)!.status >= 400) {
      store.rollback(savepoint);
      store.release(savepoint);
      const failedAt = responses.length - 1;
      const all = subs.map((s, i) => (i === failedAt ? response : halted(s.referenceId, ROLLED_BACK)));
      return { status: 200, body: { compositeResponse: all } };
    }
  }
  store.release(savepoint);
  return { status: 200, body: { compositeResponse: responses } };
};
