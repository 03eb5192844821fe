/**
 * The contract and the server never drift: every registered route is in openapi.yaml and vice versa,
 * each takes its request and response schemas from its operation there, and every error code and
 * notification kind the spec names is one the server can actually send.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemCatalogue } from '../../src/errors.ts';
import { operations, routeSchema, spec } from '../../src/http/contract.ts';
import { startApi, type RunningApi } from '../support/api.ts';

// Pages and static assets for browsers, not the API.
const UNDOCUMENTED = [/^\/docs/, /^\/openapi\.json$/, /^\/$/, /^\/widget\//];
const SERVER_SRC = path.resolve(import.meta.dirname, '../../src');

function routeKey(method: string, url: string): string {
  const p = url.replace(/:([A-Za-z]+)/g, '{$1}').replace(/\/\*$/, '/{path}');
  return `${method.toUpperCase()} ${p}`;
}

/**
 * The server's source, for "can it send this?": without the sandbox org (not the API) and the
 * catalogue itself (declaring a code is not sending it).
 */
function serverSource(dir = SERVER_SRC): string {
  return readdirSync(dir)
    .filter((name) => name !== 'sandbox' && name !== 'errors.ts')
    .map((name) => path.join(dir, name))
    .map((file) => (statSync(file).isDirectory() ? serverSource(file) : file.endsWith('.ts') ? readFileSync(file, 'utf8') : ''))
    .join('\n');
}

describe('openapi.yaml', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({});
  });
  afterAll(() => api.close());

  const documented = new Map(operations().map((o) => [`${o.method} ${o.path}`, o]));
  const apiRoutes = () => api.app.routeLog.filter((r) => !UNDOCUMENTED.some((re) => re.test(r.url)) && r.method !== 'HEAD' && r.method !== 'OPTIONS');

  it('documents every registered route, and nothing that is not registered', () => {
    const registered = new Set(apiRoutes().map((r) => routeKey(r.method, r.url)));
    expect(registered.size).toBeGreaterThan(5);
    expect([...registered].filter((k) => !documented.has(k)).sort()).toEqual([]);
    expect([...documented.keys()].filter((k) => !registered.has(k)).sort()).toEqual([]);
  });

  it('gives every route the request and response schemas of its operation', () => {
    const routes = apiRoutes();
    for (const route of routes) {
      const key = routeKey(route.method, route.url);
      const op = documented.get(key)!;
      const id = op.operation.operationId;
      // JSON: Fastify marks the schema objects it compiled with symbols. The passthrough's `{path}` is the router's `*`.
      expect(JSON.parse(JSON.stringify(route.schema ?? null)), `${key} has schemas from ${id}`).toEqual(routeSchema(id, key.endsWith('/{path}') ? { path: '*' } : {}));
      const schema = route.schema as ReturnType<typeof routeSchema>;
      const declared = op.operation.responses as Record<string, { content?: unknown }>;
      for (const [status, response] of Object.entries(declared)) {
        if (response.content) expect(Object.keys(schema.response), `${key} serializes ${status}`).toContain(status);
      }
      if (op.parameters.some((p) => p.in === 'path')) expect(schema.params, `${key} validates its path`).toBeDefined();
      if (op.parameters.some((p) => p.in === 'query')) expect(schema.querystring, `${key} validates its query`).toBeDefined();
      const json = op.operation.requestBody?.content?.['application/json']?.schema;
      if (json && Object.keys(json).length > 0) expect(schema.body, `${key} validates its body`).toBeDefined();
    }
    expect(routes.filter((r) => (r.schema as { body?: unknown } | undefined)?.body).length).toBeGreaterThanOrEqual(7);
  });

  it('declares every path parameter of each operation, and a problem response for errors', () => {
    for (const { method, path: p, parameters, operation } of documented.values()) {
      const inPath = [...p.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]);
      const declared = parameters.filter((x) => x.in === 'path').map((x) => x.name);
      for (const name of inPath) expect(declared, `${method} ${p} declares {${name}}`).toContain(name);
      const errors = Object.keys(operation.responses).filter((s) => /^[45]/.test(s));
      if (operation.operationId !== 'getHealth') expect(errors.length, `${method} ${p} declares its errors`).toBeGreaterThan(0);
    }
  });

  it('lists exactly the catalogue of problem codes, each of which the server sends somewhere', () => {
    const problem = (spec.components.schemas as Record<string, { properties: { code: { enum: string[] } } }>).Problem!;
    const listed = problem.properties.code.enum;
    expect([...listed].sort()).toEqual(
      problemCatalogue()
        .map((p) => p.code)
        .sort(),
    );
    const source = serverSource();
    const unsent = listed.filter((code) => !source.includes(`'${code}'`));
    expect(unsent, 'codes declared but never sent').toEqual([]);
  });

  it('lists only notification kinds the server records', () => {
    const notification = (spec.components.schemas as Record<string, { properties: { kind: { enum: string[] } } }>).Notification!;
    const source = serverSource();
    // A notification's kind is the type of the alert it records (alerts/).
    const unsent = notification.properties.kind.enum.filter((kind) => !source.includes(`type: '${kind}'`));
    expect(unsent, 'kinds declared but never recorded').toEqual([]);
  });

  it('serves the same document at /openapi.json', async () => {
    const served = (await (await fetch(`${api.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(served.paths).sort()).toEqual(Object.keys(spec.paths).sort());
  });
});
