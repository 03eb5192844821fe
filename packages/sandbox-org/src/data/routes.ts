/**
 * The data resources as a Fastify plugin. The platform registers it under
 * `/services/data/:version`, after authenticating and setting `request.sandbox`.
 * Handlers are thin: build an OpContext/OpRequest, run the operation, write its result.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { bulkRoutes } from '../bulk/routes.ts';
import { SF_JSON, sendSfError } from '../errors.ts';
import { scalarText } from '../scalar-text.ts';
import { bareRecord } from './bare-record.ts';
import type { OpContext, Operation, OpRequest, OpResult } from './op.ts';
import { composite } from './ops-composite.ts';
import { compositeBatch } from './ops-composite-batch.ts';
import { compositeTree } from './ops-composite-tree.ts';
import { SandboxOrg } from './org-data.ts';
import { DATA_ROUTES } from './route-table.ts';
import type { RouteDef } from './route-table.ts';

/** A parse failure, reported the way Salesforce reports an undecodable body. */
class BodyParseError extends Error {
  readonly statusCode = 400;
}

function contextOf(request: FastifyRequest): OpContext {
  const data = request.sandbox.data;
  // Operations need the store behind the OrgData contract; only createOrgData builds one.
  if (!(data instanceof SandboxOrg)) throw new Error('request.sandbox.data was not created by createOrgData');
  return { org: data, apiVersion: request.sandbox.apiVersion, countAnotherCall: request.sandbox.countAnotherCall, limits: request.sandbox.limits };
}

function single(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length > 0 ? scalarText(value[0]) : undefined;
  return value === undefined ? undefined : scalarText(value);
}

function flatten(source: object): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = bareRecord();
  for (const [k, v] of Object.entries(source)) out[k] = single(v);
  return out;
}

function opRequest(request: FastifyRequest): OpRequest {
  return {
    params: flatten(request.params as object) as Record<string, string>,
    query: flatten(request.query as object),
    body: request.body,
    headers: flatten(request.headers),
  };
}

/** Write an operation's result: JSON with Salesforce's content type, or no body (204/304). */
function send(reply: FastifyReply, result: OpResult): FastifyReply {
  reply.code(result.status);
  if (result.headers) reply.headers(result.headers);
  if (result.body === undefined || result.status === 204 || result.status === 304) return reply.send();
  return reply.type(SF_JSON).send(JSON.stringify(result.body));
}

/** Composite resources that run other routes: registered over HTTP, never callable as subrequests. */
const COMPOSITE_ROUTES: RouteDef[] = [
  { method: 'POST', path: '/composite', op: composite },
  { method: 'POST', path: '/composite/batch', op: compositeBatch },
  { method: 'POST', path: '/composite/tree/:object', op: compositeTree },
];

/** Registers every data route (describe, records, collections, composite, query). */
export const dataRoutes: FastifyPluginAsync = async (fastify) => {
  // Our own JSON parsing: Salesforce answers bad JSON with JSON_PARSER_ERROR, and clients send
  // bodies with or without a charset (or, for DELETE, an empty body with a JSON content type).
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'string' }, (_request, text, done) => {
    const body = String(text);
    if (body.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body));
    } catch (e) {
      done(new BodyParseError((e as Error).message), undefined);
    }
  });

  fastify.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error instanceof BodyParseError) return sendSfError(reply, 400, 'JSON_PARSER_ERROR', error.message);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendSfError(reply, status, 'INVALID_INPUT', error.message);
    request.log.error({ err: error }, 'sandbox data route failed');
    return sendSfError(reply, 500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support: sandbox');
  });

  const config = fastify.initialConfig;
  // With ignoreTrailingSlash the router already maps `/x/` to `/x`; declaring both would clash.
  const slashes = !(config.ignoreTrailingSlash === true || config.routerOptions?.ignoreTrailingSlash === true);
  for (const route of [...DATA_ROUTES, ...COMPOSITE_ROUTES]) {
    const op: Operation = route.op;
    const handler = async (request: FastifyRequest, reply: FastifyReply) => send(reply, op(contextOf(request), opRequest(request)));
    fastify.route({ method: route.method, url: route.path, handler });
    if (route.slash && slashes) fastify.route({ method: route.method, url: `${route.path}/`, handler });
  }
  await fastify.register(bulkRoutes);
};
