/**
 * The shape every data operation shares: a plain function from (context, request) to an HTTP-ish
 * result. Fastify routes and Composite subrequests both call these, so a Composite request runs
 * its subrequests without re-entering HTTP (and is counted as the one call it is).
 */
import type { ObjectSchema } from './catalogue.ts';
import { keyPrefixOf, normalizeId } from './ids.ts';
import type { SandboxOrg } from './org-data.ts';

export interface OpContext {
  org: SandboxOrg;
  /** e.g. '62.0' */
  apiVersion: string;
  /** Set inside a Composite request with allOrNone: collections then behave all-or-none too. */
  forceAllOrNone?: boolean;
  /** Count one more DailyApiRequest for this HTTP request; false when the org's window is full. */
  countAnotherCall: () => boolean;
  /** The org's `/limits` body (served by the platform; Composite Batch runs it as a subrequest). */
  limits?: () => unknown;
}

export interface OpRequest {
  params: Readonly<Record<string, string>>;
  query: Readonly<Record<string, string | undefined>>;
  body: unknown;
  headers: Readonly<Record<string, string | undefined>>;
}

export interface OpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Operation = (ctx: OpContext, req: OpRequest) => OpResult;

/** `[{message, errorCode, fields?}]` with a status, the REST API's error body. */
export function sfError(status: number, errorCode: string, message: string, fields?: string[]): OpResult {
  return { status, body: [fields ? { message, errorCode, fields } : { message, errorCode }] };
}

/** 404 NOT_FOUND "The requested resource does not exist". */
export function notFound(): OpResult {
  return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

/** `/services/data/v62.0` for the request's API version. */
export function basePath(ctx: OpContext): string {
  return `/services/data/v${ctx.apiVersion}`;
}

/** The REST URL of one record, as `attributes.url` and `Location` carry it. */
export function recordUrl(ctx: OpContext, object: string, id: string): string {
  return `${basePath(ctx)}/sobjects/${object}/${id}`;
}

/** The object named in a URL (any case), or the 404 Salesforce gives for an unknown one. */
export function resolveObject(ctx: OpContext, name: string | undefined): ObjectSchema | OpResult {
  const schema = name === undefined ? undefined : ctx.org.catalogue.get(name);
  return schema ?? notFound();
}

/**
 * A record id from a URL, canonicalised to 18 characters. Malformed → 400 MALFORMED_ID;
 * an id of another object → 404, as Salesforce answers.
 */
export function resolveId(schema: ObjectSchema, raw: string | undefined): string | OpResult {
  const id = raw === undefined ? undefined : normalizeId(raw);
  if (!id) return sfError(400, 'MALFORMED_ID', `${schema.name} ID: id value of incorrect type: ${raw ?? ''}`, ['Id']);
  if (keyPrefixOf(id) !== schema.def.keyPrefix) return notFound();
  return id;
}

/** Narrow a resolve* answer: true when it is an error result to return as is. */
export function isResult(x: unknown): x is OpResult {
  return typeof x === 'object' && x !== null && 'status' in x && typeof (x as OpResult).status === 'number';
}
