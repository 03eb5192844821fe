/**
 * POST /composite/batch: up to 25 independent subrequests, run in order through the same route
 * table as the HTTP routes; each commits on its own (no rollback). With haltOnError, the first
 * failure stops the rest, which answer 412 BATCH_PROCESSING_HALTED.
 *
 * Counting, as Salesforce counts it: "Each subrequest counts against rate limits"
 * (REST API Developer Guide, Composite Batch:
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api/resources_composite_batch.htm).
 * The gate counted the HTTP request once; that is the first subrequest's call, and each later
 * subrequest that runs counts one more (the batch itself costs nothing extra). A subrequest that
 * finds the window full answers 403 REQUEST_LIMIT_EXCEEDED and is not run; halted ones are not counted.
 */
import { bareRecord } from './bare-record.ts';
import { sfError } from './op.ts';
import type { Operation, OpContext, OpResult } from './op.ts';
import { matchRoute } from './route-table.ts';

const MAX_SUBREQUESTS = 25;
const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);
/** A subrequest URL: `vXX.X/…`, `/vXX.X/…` or `/services/data/vXX.X/…`. */
const SUB_URL = /^(?:\/services\/data)?\/?v(\d+\.\d+)(\/[^?]*)?(?:\?(.*))?$/;

interface BatchSubrequest {
  method: string;
  url: string;
  richInput?: unknown;
}

interface BatchResult {
  statusCode: number;
  result: unknown;
}

const HALTED: BatchResult = { statusCode: 412, result: [{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }] };
const OVER_LIMIT: BatchResult = { statusCode: 403, result: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }] };

/** Check the envelope; any problem refuses the whole batch before a subrequest runs. */
function readBatch(body: unknown): BatchSubrequest[] | OpResult {
  const list = (body as { batchRequests?: unknown } | null)?.batchRequests;
  if (!Array.isArray(list) || list.length === 0) return sfError(400, 'JSON_PARSER_ERROR', 'batchRequests is required and must be a non-empty array');
  // Salesforce's limit is documented (25); the exact wording of its refusal is not, this one is ours.
  if (list.length > MAX_SUBREQUESTS) return sfError(400, 'INVALID_BATCH_REQUEST', `A batch can contain at most ${MAX_SUBREQUESTS} subrequests; this one has ${list.length}`);
  for (const s of list as Partial<BatchSubrequest>[]) {
    if (typeof s?.method !== 'string' || !METHODS.has(s.method.toUpperCase()) || typeof s.url !== 'string') {
      return sfError(400, 'JSON_PARSER_ERROR', 'Each batch subrequest needs a method (GET, POST, PATCH, PUT, DELETE) and a url');
    }
  }
  return list as BatchSubrequest[];
}

/** Run one subrequest against the route table; its version may not be newer than the batch's. */
function runOne(ctx: OpContext, sub: BatchSubrequest): OpResult {
  const m = SUB_URL.exec(sub.url);
  if (!m) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
  if (Number(m[1]) > Number(ctx.apiVersion) || Number(m[1]) < 34) return sfError(400, 'INVALID_BATCH_REQUEST', `Subrequest version v${m[1]} must be between v34.0 and the batch's v${ctx.apiVersion}`);
  const method = sub.method.toUpperCase();
  // Limits is a batchable resource the platform (not the route table) serves.
  if (method === 'GET' && /^\/limits\/?$/.test(m[2] ?? '') && ctx.limits) return { status: 200, body: ctx.limits() };
  const match = matchRoute(method, m[2] ?? '/');
  if ('notFound' in match) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
  if ('methodNotAllowed' in match) return sfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${match.methodNotAllowed.join(',')}`);
  const query: Record<string, string> = bareRecord();
  for (const [k, v] of new URLSearchParams(m[3] ?? '')) query[k] = v;
  return match.route.op({ ...ctx, apiVersion: m[1]! }, { params: match.params, query, body: sub.richInput, headers: bareRecord() });
}

/** POST /composite/batch `{haltOnError, batchRequests: [{method, url, richInput}]}`. */
export const compositeBatch: Operation = (ctx, req) => {
  const subs = readBatch(req.body);
  if (!Array.isArray(subs)) return subs;
  const haltOnError = (req.body as { haltOnError?: unknown }).haltOnError === true;
  const results: BatchResult[] = [];
  let halted = false;
  for (const [i, sub] of subs.entries()) {
    if (halted) {
      results.push(HALTED);
      continue;
    }
    // The first subrequest rides on the call the gate already counted.
    if (i > 0 && !ctx.countAnotherCall()) {
      results.push(OVER_LIMIT);
      halted = haltOnError;
      continue;
    }
    const result = runOne(ctx, sub);
    results.push({ statusCode: result.status, result: result.body ?? null });
    if (result.status >= 400 && haltOnError) halted = true;
  }
  return { status: 200, body: { hasErrors: results.some((r) => r.statusCode >= 400), results } };
};
