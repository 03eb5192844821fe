/**
 * Checks every response an API instance sends in a test against openapi.yaml: the status is declared
 * for the route's operation, the content type is declared for that status, the body validates
 * against its schema, and the serializer kept everything the handler returned (a property the spec
 * does not declare is dropped by Fastify's serializer, so a drop means the spec is incomplete).
 */
import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ValidateFunction } from 'ajv';
import { operations, resolve, spec, type SpecOperation } from '../../src/http/contract.ts';
import { contractAjv } from '../../src/http/contract-validation.ts';
import { isSalesforceClientPath } from '../../src/passthrough/salesforce-errors.ts';

/** What the check saw on one API instance. */
export interface ContractCheck {
  /** Responses checked against the spec. */
  checked: number;
  violations: string[];
}

// Pages and static assets for browsers, not the API; preflights are answered by @fastify/cors.
const UNDOCUMENTED = [/^\/docs/, /^\/openapi\.json$/, /^\/$/, /^\/widget\//];

const ajv = contractAjv({ coerce: false });
const compiled = new Map<object, ValidateFunction>();
const validator = (schema: object): ValidateFunction => {
  let fn = compiled.get(schema);
  if (!fn) compiled.set(schema, (fn = ajv.compile(schema)));
  return fn;
};

/** Operations by `METHOD /fastify/:route/*`. */
const byRoute = new Map<string, SpecOperation>(operations().map((o) => [`${o.method} ${o.path.replace(/\{([A-Za-z]+)\}/g, ':$1').replace(/\/:path$/, '/*')}`, o]));
const problemResponse = resolve(spec.components.responses as never) as Record<string, { content: Record<string, { schema: object }> }>;

type Declared = { content?: Record<string, { schema?: object }> };

function declaredResponse(request: FastifyRequest, status: number): { where: string; declared?: Declared } | undefined {
  const route = request.routeOptions.url;
  // Unrouted: our 404/405, in Salesforce's shape on the paths Salesforce clients use.
  if (route === undefined) return { where: `unrouted ${request.method}`, declared: isSalesforceClientPath(request.url) ? problemResponse.SalesforceError : problemResponse.Problem };
  if (UNDOCUMENTED.some((re) => re.test(route)) || request.method === 'OPTIONS' || request.method === 'HEAD') return undefined;
  const op = byRoute.get(`${request.method} ${route}`);
  if (!op) return { where: `${request.method} ${route}` };
  const responses = op.operation.responses as Record<string, Declared>;
  return { where: `${op.operation.operationId}`, declared: responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default };
}

function bodyText(payload: unknown): string | undefined {
  if (payload === undefined || payload === null) return '';
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return undefined; // a stream: not checked
}

/** Install the check on `app` (before it listens); read `violations` when the test is done. */
export function checkContract(app: FastifyInstance): ContractCheck {
  const result: ContractCheck = { checked: 0, violations: [] };
  const returned = new WeakMap<FastifyRequest, unknown>();
  app.addHook('preSerialization', async (request, _reply, payload) => {
    returned.set(request, payload);
    return payload;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const status = reply.statusCode;
    const found = declaredResponse(request, status);
    if (!found) return payload;
    const text = bodyText(payload);
    if (text === undefined) return payload;
    result.checked++;
    const fail = (what: string) => result.violations.push(`${found.where} ${request.method} ${request.url.split('?')[0]} → ${status}: ${what}`);
    if (!found.declared) return (fail('status not declared'), payload);
    const type = String(reply.getHeader('content-type') ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    const content = found.declared.content;
    if (!content) return (text.length > 0 && fail(`a body (${type}) where none is declared`), payload);
    const media = content[type] ?? content['*/*'];
    if (!media) return (fail(`content type ${type || '(none)'} not declared (${Object.keys(content).join(', ')})`), payload);
    if (!type.includes('json')) return payload;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return (fail('body is not JSON'), payload);
    }
    const validate = validator(media.schema ?? {});
    if (!validate(body)) fail(`body does not match: ${ajv.errorsText(validate.errors?.slice(0, 3))}`);
    // The handler's object, before the serializer: anything it held that the spec does not declare is lost.
    if (returned.has(request) && !isDeepStrictEqual(body, JSON.parse(JSON.stringify(returned.get(request))))) {
      fail(`the serializer changed the body (undeclared or mistyped fields): sent ${text.slice(0, 300)} from ${JSON.stringify(returned.get(request)).slice(0, 300)}`);
    }
    return payload;
  });
  return result;
}

/** Throw when the check saw a response the spec does not describe. */
export function assertContractKept(check: ContractCheck): void {
  if (check.violations.length > 0) {
    // One line per operation, status and problem: a fuzz run repeats the same miss many times.
    const kinds = new Map<string, string>();
    for (const v of check.violations) kinds.set(v.replace(/ \S+ \/\S* → /, ' → ').slice(0, 160), v);
    throw new Error(`${check.violations.length} response(s) do not match openapi.yaml:\n${[...kinds.values()].slice(0, 30).join('\n')}`);
  }
}
