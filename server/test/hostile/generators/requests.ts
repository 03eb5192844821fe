/** Requests for inject: one route's URL filled in, with one or more parts made invalid and noise around them. */
import fc from 'fast-check';
import type { RouteLogEntry } from '../../../src/app.ts';
import { badAuthorization, goodAuthorization } from './auth.ts';
import { invalidBody, jsonType, notJsonType } from './bodies.ts';
import { BODY_METHODS, bodySpecOf, codesFor, menuOf } from './catalogue.ts';
import { noiseBody, noiseHeaders, noiseQuery } from './noise.ts';
import { PATCH_ORG_BODY } from './org-bodies.ts';
import { atRootMount, isPassthrough, passthroughParts, passthroughRequest, type PassthroughParts } from './passthrough.ts';
import { ALL_RELATIONSHIPS, badOrgId, badRelationship, PULL_RELATIONSHIPS, PUSH_RELATIONSHIPS, routeMiss, unknownKeyId } from './paths.ts';
import { badPullQuery, okPullQuery } from './pull-queries.ts';
import { hex } from './strings.ts';
import type { FuzzContext, FuzzRequest } from './types.ts';

/** One draw of every part a request may use; the menu picks which are the invalid ones. */
interface Parts {
  auth: { label: string; header?: string | string[] };
  goodAuth: string;
  org: { label: string; segment: string };
  relationship: { label: string; segment: string };
  goodRelationship: string;
  wrongDirection: string;
  body: { label: string; text: string };
  contentType: string;
  goodContentType: string;
  query: { label: string; query: string };
  goodQuery: string;
  miss: string;
  noise: Record<string, string | string[]>;
  noiseBody: string | Buffer | undefined;
  noiseQuery: string;
  address: string;
  huge: boolean;
  keyId: string;
  pt: PassthroughParts;
}

/** Generator of requests for one route of the route log. */
export function requestsFor(route: RouteLogEntry, ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const name = `${route.method} ${route.url}`;
  const probe = bodySpecOf(route, ctx, 'x');
  const hasBody = probe !== undefined && BODY_METHODS.has(route.method);
  const menu = menuOf(route, hasBody);
  const pull = route.method === 'GET' || route.method === 'HEAD';
  const relationships = route.url.endsWith('/sync/:relationship') ? (pull ? PULL_RELATIONSHIPS : PUSH_RELATIONSHIPS) : ALL_RELATIONSHIPS;
  const wrongWay = pull ? ['lead-score', 'events'] : ['accounts', 'opportunities'];

  const keyBound = atRootMount(route);
  const parts: fc.Arbitrary<Parts> = fc.record({
    auth: badAuthorization(ctx.keys, keyBound),
    goodAuth: goodAuthorization(ctx.keys, route.url === '/v1/orgs' ? undefined : route.capability, keyBound),
    org: badOrgId(ctx),
    relationship: badRelationship,
    goodRelationship: fc.constantFrom(...relationships),
    wrongDirection: fc.constantFrom(...wrongWay),
    body: hex(6).chain((suffix) => invalidBody(bodySpecOf(route, ctx, suffix) ?? PATCH_ORG_BODY)),
    contentType: notJsonType,
    goodContentType: jsonType,
    query: badPullQuery(),
    goodQuery: okPullQuery,
    miss: routeMiss,
    noise: noiseHeaders,
    noiseBody,
    noiseQuery,
    address: fc.constantFrom(...ctx.addresses),
    huge: fc.constant(true),
    keyId: unknownKeyId,
    pt: passthroughParts,
  });

  // Mostly one invalid part, so the deep ones (body, query, passthrough target) are what the server meets.
  const chosenParts = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...menu).map((part) => [part]) }, { weight: 1, arbitrary: fc.subarray(menu, { minLength: 1 }) });
  return fc.tuple(chosenParts, parts).map(([chosen, p]): FuzzRequest => {
    const bad = new Set(chosen);
    const invalid: string[] = [];
    let method = route.method;
    const headers: Record<string, string | string[]> = { ...p.noise };
    if (bad.has('auth')) {
      invalid.push(p.auth.label);
      if (p.auth.header !== undefined) headers['authorization'] = p.auth.header;
    } else {
      headers['authorization'] = p.goodAuth;
    }

    // Path: the route's URL with its parameters filled, good or bad.
    let path = route.url.startsWith('/') ? route.url : '/';
    const org = bad.has('org') ? (invalid.push(p.org.label), p.org.segment) : ctx.orgId;
    path = path.replace(':orgId', org);
    if (path.includes(':relationship')) {
      let relationship = p.goodRelationship;
      if (bad.has('relationship')) {
        relationship = p.relationship.segment;
        invalid.push(p.relationship.label);
      } else if (bad.has('direction')) {
        relationship = p.wrongDirection;
        invalid.push('relationship:wrong-direction');
      }
      path = path.replace(':relationship', relationship);
    }
    // Salesforce ids of the right shape (the identity routes): what is invalid is chosen by the menu.
    path = path.replace(':sfOrgId', '00D000000000000AAA').replace(':userId', '005000000000000AAA');
    if (path.includes(':keyId')) {
      // No generated key id names a key: it is always one of the request's invalid parts.
      path = path.replace(':keyId', p.keyId);
      invalid.push('keyId:unknown');
    }

    let query = p.noiseQuery;
    if (isPassthrough(route)) {
      ({ path, method, query } = passthroughRequest({ path, method }, headers, p.pt, bad, invalid));
    } else if (path.includes('*')) {
      path = path.replace(/\*$/, 'index.html');
    }
    if (bad.has('miss')) {
      path = route.url === '*' ? `/zz-nx${p.miss}` : `${path}${p.miss}`;
      invalid.push('path:no-route');
    }

    if (route.url.endsWith('/sync/:relationship') && pull) {
      query = bad.has('query') ? (invalid.push(p.query.label), [p.query.query, p.goodQuery.replace(/(^|&)(since|limit)=[^&]*/g, '').replace(/^&/, '')].filter(Boolean).join('&')) : p.goodQuery;
    }

    let payload: FuzzRequest['payload'] = p.noiseBody;
    if (hasBody) {
      headers['content-type'] = p.goodContentType;
      const spec = bodySpecOf(route, ctx, 'ok')!;
      payload = JSON.stringify(spec.template);
      if (bad.has('body')) {
        payload = p.body.text;
        invalid.push(p.body.label);
      }
      if (bad.has('contentType')) {
        headers['content-type'] = p.contentType;
        if (payload.length === 0) payload = '{}';
        invalid.push('content-type:not-json');
      }
      if (bad.has('huge')) {
        payload = { huge: 2 * 1024 * 1024 + 1 };
        invalid.push('body:too-large');
      }
    } else if (payload !== undefined && headers['content-type'] === undefined && method !== 'GET' && method !== 'HEAD') {
      headers['content-type'] = 'application/json';
    }
    if (method === 'GET' || method === 'HEAD') payload = undefined;
    const url = query ? `${path}?${query}` : path;
    const expected = new Set(invalid.flatMap((label) => codesFor(label, name)));
    // A noise body where none is read is still parsed (and may be refused) before anything else.
    if (!hasBody && payload !== undefined) for (const code of ['MALFORMED_JSON', 'VALIDATION_FAILED', 'UNSUPPORTED_MEDIA_TYPE']) expected.add(code);
    return { route: name, invalid, method, url, headers, ...(payload !== undefined ? { payload } : {}), remoteAddress: p.address, expected: [...expected] };
  });
}
