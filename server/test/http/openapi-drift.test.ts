/** The contract and the server never drift: every registered route is in openapi.yaml and vice versa. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OPENAPI_PATH } from '../../src/http/openapi.ts';
import { startApi, type RunningApi } from '../support/api.ts';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
// Pages and static assets for browsers, not the API.
const UNDOCUMENTED = [/^\/docs/, /^\/openapi\.json$/, /^\/$/, /^\/widget\//];

function routeKey(method: string, url: string): string {
  const path = url.replace(/:([A-Za-z]+)/g, '{$1}').replace(/\/\*$/, '/{path}');
  return `${method.toUpperCase()} ${path}`;
}

describe('openapi.yaml', () => {
  let api: RunningApi;
  const registered = new Set<string>();
  beforeAll(async () => {
    api = await startApi({});
  });
  afterAll(() => api.close());

  const spec = parse(readFileSync(OPENAPI_PATH, 'utf8')) as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses?: Record<string, unknown> }>> };

  it('documents every registered route, and nothing that is not registered', () => {
    const routes = api.app.routeLog;
    for (const r of routes) {
      if (UNDOCUMENTED.some((re) => re.test(r.url)) || r.method === 'HEAD' || r.method === 'OPTIONS') continue;
      registered.add(routeKey(r.method, r.url));
    }
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const method of METHODS) if (item[method]) documented.add(`${method.toUpperCase()} ${path}`);
    }
    expect(routes.length).toBeGreaterThan(5);
    expect([...registered].filter((k) => !documented.has(k)).sort()).toEqual([]);
    expect([...documented].filter((k) => !registered.has(k)).sort()).toEqual([]);
  });

  it('declares every path parameter of each operation, and a problem response for errors', () => {
    for (const [path, item] of Object.entries(spec.paths)) {
      const inPath = [...path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]);
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const params = [...((item as { parameters?: { name: string; in: string }[] }).parameters ?? []), ...(op.parameters ?? [])]
          .map((p) => ('$ref' in p ? String((p as { $ref: string }).$ref).split('/').pop() : p.in === 'path' ? p.name : undefined))
          .filter(Boolean);
        for (const name of inPath) expect(params, `${method.toUpperCase()} ${path} declares {${name}}`).toContain(name);
        expect(Object.keys(op.responses ?? {}).length, `${method.toUpperCase()} ${path} has responses`).toBeGreaterThan(0);
      }
    }
  });

  it('serves the same document at /openapi.json', async () => {
    const served = (await (await fetch(`${api.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(served.paths).sort()).toEqual(Object.keys(spec.paths).sort());
  });
});
