/**
 * The request catalogue: which body each route reads, which of its parts can be made invalid, and
 * which problem codes each invalid part may be refused with.
 */
import type { RouteLogEntry } from '../../../src/app.ts';
import type { BodySpec } from './bodies.ts';
import { createOrgBody, KEY_BODY, PATCH_ORG_BODY, WIDGET_SESSION_BODY } from './org-bodies.ts';
import { atRootMount, isPassthrough } from './passthrough.ts';
import { MAPPINGS_BODY, PUSH_BODY } from './sync-bodies.ts';
import type { FuzzContext, PartName } from './types.ts';

/** Methods whose body a route reads. */
export const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Which body spec a route reads, by its URL; unknown routes get none (their body is noise). */
export function bodySpecOf(route: RouteLogEntry, ctx: FuzzContext, suffix: string): BodySpec | undefined {
  const key = `${route.method} ${route.url}`;
  if (key === 'POST /v1/orgs') return createOrgBody(suffix);
  if (key === 'PATCH /v1/orgs/:orgId') return PATCH_ORG_BODY;
  if (key === 'POST /v1/orgs/:orgId/keys') return KEY_BODY;
  if (key === 'PUT /v1/orgs/:orgId/mappings/:relationship') return MAPPINGS_BODY;
  if (key === 'POST /v1/orgs/:orgId/sync/:relationship') return PUSH_BODY;
  if (key === 'POST /v1/orgs/:orgId/widget-sessions') return WIDGET_SESSION_BODY;
  void ctx;
  return undefined;
}

/** The parts of a route that can be made invalid, each enough alone to refuse the request. */
export function menuOf(route: RouteLogEntry, hasBody: boolean): PartName[] {
  if (route.url === '/v1/orgs' && route.method === 'POST') return ['auth', 'body', 'contentType', 'huge'];
  // The root mount has no org in its path to break.
  const org: PartName[] = atRootMount(route) ? [] : ['org'];
  if (isPassthrough(route)) {
    const menu: PartName[] = ['auth', ...org, 'ptPath', 'ptHeader', 'ptPriority', 'ptQuery'];
    return route.method === 'GET' ? [...menu, 'ptMethod'] : menu;
  }
  if (atRootMount(route)) return ['auth', 'miss'];
  if (!route.url.startsWith('/v1/orgs/:orgId')) return ['miss'];
  const menu: PartName[] = ['auth', 'org', 'miss'];
  if (route.url.includes(':relationship')) menu.push('relationship');
  if (route.url.endsWith('/sync/:relationship')) menu.push('direction');
  if (route.url.includes(':keyId')) menu.push('keyId');
  if (hasBody) menu.push('body', 'contentType', 'huge');
  if (route.url.endsWith('/sync/:relationship') && (route.method === 'GET' || route.method === 'HEAD')) menu.push('query');
  return menu;
}

/** The problem codes one invalid part may be refused with. */
export function codesFor(label: string, route: string): string[] {
  const [kind = '', detail = ''] = label.split(':');
  switch (kind) {
    case 'auth':
      if (route === 'POST /v1/orgs') return detail === 'salesperson' || detail === 'other-org' ? ['FORBIDDEN_SCOPE'] : ['UNAUTHENTICATED'];
      // At the root mount the operator key names no org; another org's key reaches its own org, which is not connected.
      if (detail === 'operator') return ['FORBIDDEN_SCOPE'];
      if (detail === 'other-org' && atRootMount(route)) return ['NOT_CONNECTED'];
      return detail === 'salesperson' ? ['FORBIDDEN_ROLE'] : detail === 'other-org' ? ['NOT_FOUND'] : ['UNAUTHENTICATED'];
    case 'org':
    case 'path':
    case 'keyId':
      // An escape the router cannot decode is refused while routing (400), before any lookup.
      return ['NOT_FOUND', 'VALIDATION_FAILED'];
    case 'relationship':
      return detail === 'wrong-direction' ? ['WRONG_DIRECTION'] : ['NOT_FOUND', 'VALIDATION_FAILED'];
    case 'body':
      return detail === 'too-large' ? ['BODY_TOO_LARGE'] : ['VALIDATION_FAILED', 'MALFORMED_JSON'];
    case 'content-type':
      // text/plain has a parser: the text then fails the schema.
      return ['UNSUPPORTED_MEDIA_TYPE', 'VALIDATION_FAILED'];
    case 'query':
      return ['VALIDATION_FAILED'];
    case 'passthrough':
      // OPTIONS belongs to the CORS preflight route, which answers 404 without an allowed Origin, after
      // reading the body like any route: a content type no parser takes is refused first (415).
      if (detail === 'options') return ['NOT_FOUND', 'UNSUPPORTED_MEDIA_TYPE'];
      return detail === 'method' || detail === 'write-versions-list' ? ['METHOD_NOT_ALLOWED'] : ['VALIDATION_FAILED'];
    default:
      return [];
  }
}
