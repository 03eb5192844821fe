/**
 * openapi.yaml is the one source of the HTTP contract: this module reads it once and hands each
 * route its JSON schemas (path params, query, JSON body, responses) by operationId, `$ref`s inlined.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { OPENAPI_PATH } from './openapi.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonObject;
}
interface Operation {
  operationId: string;
  parameters?: JsonObject[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonObject }> };
  responses: Record<string, JsonObject>;
}
/** An operation with where it lives. */
export interface SpecOperation {
  method: string;
  path: string;
  operation: Operation;
  parameters: Parameter[];
}

/** Response schemas as Fastify takes them: status → media type → schema. */
export type ResponseSchemas = Record<string, { content: Record<string, { schema: JsonObject }> }>;

/** A route's schemas as Fastify takes them. */
export interface RouteSchema {
  params?: JsonObject;
  querystring?: JsonObject;
  body?: JsonObject;
  response: ResponseSchemas;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
// OpenAPI words that are not JSON Schema (3.1 schemas are JSON Schema otherwise).
const OPENAPI_ONLY = new Set(['example', 'xml', 'externalDocs']);

/** The parsed document. */
export const spec = parse(readFileSync(OPENAPI_PATH, 'utf8')) as { paths: Record<string, Record<string, Json>>; components: JsonObject };

/** Follow a local `$ref` (`#/components/…`). */
function lookup(ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`openapi.yaml: only local $refs are supported, got ${ref}`);
  let node: Json = spec;
  for (const key of ref.slice(2).split('/')) {
    node = (node as JsonObject | null)?.[key.replaceAll('~1', '/').replaceAll('~0', '~')] ?? null;
    if (node === null) throw new Error(`openapi.yaml: unresolved $ref ${ref}`);
  }
  return node;
}

/** A copy of `node` with every `$ref` inlined (its siblings kept, as 3.1 allows) and OpenAPI-only words dropped. */
export function resolve(node: Json): Json {
  if (Array.isArray(node)) return node.map(resolve);
  if (node === null || typeof node !== 'object') return node;
  const { $ref, ...rest } = node;
  const out: JsonObject = typeof $ref === 'string' ? { ...(resolve(lookup($ref)) as JsonObject) } : {};
  for (const [key, value] of Object.entries(rest)) if (!OPENAPI_ONLY.has(key)) out[key] = resolve(value);
  return out;
}

/** Every operation in the document. */
export function operations(): SpecOperation[] {
  const found: SpecOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    const shared = ((item as JsonObject).parameters ?? []) as JsonObject[];
    for (const method of METHODS) {
      const raw = (item as JsonObject)[method];
      if (!raw) continue;
      const operation = resolve(raw) as unknown as Operation;
      const parameters = [...shared, ...(operation.parameters ?? [])].map((p) => resolve(p) as unknown as Parameter);
      found.push({ method: method.toUpperCase(), path, operation, parameters });
    }
  }
  return found;
}

/** The operation named `operationId`. */
export function specOperation(operationId: string): SpecOperation {
  const found = operations().find((o) => o.operation.operationId === operationId);
  if (!found) throw new Error(`openapi.yaml has no operation ${operationId}`);
  return found;
}

/** The object schema of the parameters `in` one place, or undefined when there are none. */
function parameterSchema(parameters: Parameter[], where: 'path' | 'query', rename: Record<string, string> = {}): JsonObject | undefined {
  const chosen = parameters.filter((p) => p.in === where);
  if (chosen.length === 0) return undefined;
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const p of chosen) {
    const name = rename[p.name] ?? p.name;
    properties[name] = p.schema ?? {};
    if (p.required || where === 'path') required.push(name);
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

/** Each declared status's schemas by media type; statuses without a body (204, open `default`) have none. */
export function responseSchemas(operation: Operation): ResponseSchemas {
  const out: ResponseSchemas = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    const content = response.content as Record<string, { schema?: JsonObject }> | undefined;
    if (!content) continue;
    out[status] = { content: Object.fromEntries(Object.entries(content).map(([type, media]) => [type, { schema: media.schema ?? {} }])) };
  }
  return out;
}

/**
 * The Fastify schema of an operation. `pathNames` renames path parameters for Fastify's router
 * (the passthrough's `{path}` is Fastify's wildcard `*`).
 */
export function routeSchema(operationId: string, pathNames: Record<string, string> = {}): RouteSchema {
  const { operation, parameters } = specOperation(operationId);
  const params = parameterSchema(parameters, 'path', pathNames);
  const querystring = parameterSchema(parameters, 'query');
  const json = operation.requestBody?.content?.['application/json']?.schema;
  // Only a JSON body with something to check is validated; an optional body may be absent (null).
  const body = json && Object.keys(json).length > 0 ? (operation.requestBody?.required ? json : { ...json, type: [json.type ?? 'object', 'null'] }) : undefined;
  return {
    ...(params ? { params } : {}),
    ...(querystring ? { querystring } : {}),
    ...(body ? { body } : {}),
    response: responseSchemas(operation),
  };
}
