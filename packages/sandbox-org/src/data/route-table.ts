/**
 * Every data resource as (method, path, operation). Fastify registers routes from this table and
 * Composite matches its subrequest URLs against it, so both paths run the same operation.
 */
import { bareRecord } from './bare-record.ts';
import type { Operation } from './op.ts';
import { collectionUpsert } from './ops-collection-upsert.ts';
import { collectionCreate, collectionDelete, collectionRetrieveGet, collectionRetrievePost, collectionUpdate } from './ops-collections.ts';
import { basicInfo, describeGlobal, describeSObject } from './ops-describe.ts';
import { query, queryAll, queryMore } from './ops-query.ts';
import { toolingDescribe, toolingQuery } from './ops-tooling.ts';
import { createOne, deleteOne, retrieveByExternalId, retrieveOne, updateOne, upsertOne } from './ops-records.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RouteDef {
  method: HttpMethod;
  /** Relative to `/services/data/:version`; `:name` segments are parameters. */
  path: string;
  op: Operation;
  /** Also answer with a trailing slash (clients differ, e.g. `/sobjects/`). */
  slash?: boolean;
}

/** The resources Composite may call (everything but Composite itself). */
export const DATA_ROUTES: readonly RouteDef[] = [
  { method: 'GET', path: '/sobjects', op: describeGlobal, slash: true },
  { method: 'GET', path: '/sobjects/:object', op: basicInfo, slash: true },
  { method: 'POST', path: '/sobjects/:object', op: createOne },
  { method: 'GET', path: '/sobjects/:object/describe', op: describeSObject, slash: true },
  { method: 'GET', path: '/sobjects/:object/:id', op: retrieveOne },
  { method: 'PATCH', path: '/sobjects/:object/:id', op: updateOne },
  { method: 'DELETE', path: '/sobjects/:object/:id', op: deleteOne },
  { method: 'GET', path: '/sobjects/:object/:field/:value', op: retrieveByExternalId },
  { method: 'PATCH', path: '/sobjects/:object/:field/:value', op: upsertOne },
  { method: 'POST', path: '/composite/sobjects', op: collectionCreate },
  { method: 'PATCH', path: '/composite/sobjects', op: collectionUpdate },
  { method: 'DELETE', path: '/composite/sobjects', op: collectionDelete },
  { method: 'GET', path: '/composite/sobjects/:object', op: collectionRetrieveGet },
  { method: 'POST', path: '/composite/sobjects/:object', op: collectionRetrievePost },
  { method: 'PATCH', path: '/composite/sobjects/:object/:field', op: collectionUpsert },
  { method: 'GET', path: '/query', op: query, slash: true },
  { method: 'GET', path: '/queryAll', op: queryAll, slash: true },
  { method: 'GET', path: '/query/:locator', op: queryMore },
  { method: 'GET', path: '/queryAll/:locator', op: queryMore },
  { method: 'GET', path: '/tooling/query', op: toolingQuery, slash: true },
  { method: 'GET', path: '/tooling/sobjects/:object/describe', op: toolingDescribe, slash: true },
];

const splitPath = (path: string): string[] => path.split('/').filter((s) => s !== '');
const COMPILED = DATA_ROUTES.map((r) => ({ route: r, segments: splitPath(r.path) }));

export type RouteMatch = { route: RouteDef; params: Record<string, string> } | { notFound: true } | { methodNotAllowed: HttpMethod[] };

/**
 * Match a path (relative to the version root, no query) like find-my-way would: a literal
 * segment beats a parameter, so `/sobjects/Lead/describe` is the describe, not a record id.
 */
export function matchRoute(method: string, path: string): RouteMatch {
  let segments: string[];
  try {
    segments = splitPath(path).map(decodeURIComponent);
  } catch {
    return { notFound: true };
  }
  let best: { route: RouteDef; params: Record<string, string>; score: number } | undefined;
  const allowed: HttpMethod[] = [];
  for (const { route, segments: pattern } of COMPILED) {
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = bareRecord();
    let score = 0;
    const fits = pattern.every((p, i) => {
      if (p.startsWith(':')) {
        params[p.slice(1)] = segments[i]!;
        return true;
      }
      score += 1;
      return p === segments[i];
    });
    if (!fits) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    if (!best || score > best.score) best = { route, params, score };
  }
  if (best) return { route: best.route, params: best.params };
  return allowed.length > 0 ? { methodNotAllowed: allowed } : { notFound: true };
}
