/**
 * The passthrough family (`/v1/orgs/:orgId/salesforce/services/*`, and `/services/*` at the root mount,
 * where the org is the key's own): targets, forwarded headers and methods it must refuse.
 */
import fc from 'fast-check';
import type { RouteLogEntry } from '../../../src/app.ts';
import type { PartName } from './types.ts';

/** Passthrough targets under `/services/` the passthrough must refuse, written so inject's URL parsing keeps them. */
const badDataPath: fc.Arbitrary<string> = fc.constantFrom(
  'v62.0/sobjects%2f..%2flimits',
  'v62.0/sobjects%2F..',
  'v62.0/sobjects/%252e%252e/limits',
  'v62.0/sobjects/%25252e%25252e/limits',
  'v62.0/sobjects/Lead%252fx',
  'v62.0/sobjects%5c..%5climits',
  'v62.0/sobjects/Lead%00',
  'v62.0/sobjects/Lead%2500',
  'v62.0/sobjects/Lead%0d%0aX-Injected:%20yes',
  'sobjects/Lead',
  'v62/sobjects/Lead',
  'latest/limits',
  'v62.0.1/limits',
  'vX.0/limits',
  'v6200.0/limits',
  '%76%36%32%2e%30/limits',
  'v62.0/sobjects/%C0%AE%C0%AE/limits',
  'v62.0/sobjects/%zz',
  'v62.0/sobjects/%',
  'v62.0/sobjects/%e0%80',
  'v62.0/sobjects/Lead%09',
  'v62.0/sobjects/Lead%7f',
  '..%2foauth2%2ftoken',
  'v62.0/%2fetc%2fpasswd',
);
const badPassthroughPath: fc.Arbitrary<string> = fc.oneof(
  badDataPath.map((path) => `data/${path}`),
  fc.constantFrom('oauth2/token', 'Soap/u/62.0', 'apexrest', 'apexrest/', 'apexrest/%2e%2e/oauth2/token', 'async/62.0/job', 'data%2fv62.0/limits', '%64ata/v62.0/limits'),
);

/** Targets the passthrough forwards (`data/` and `data` are the versions list). */
const okPassthroughPath = fc.constantFrom(
  'data/v62.0/limits',
  'data/v62.0/sobjects',
  'data/v62.0/sobjects/Lead/describe',
  'data/v62.0/query?q=SELECT+Id+FROM+Lead',
  'data/v62.0/sobjects/Lead/00Q000000000001AAA',
  'data/v62.0/composite/sobjects',
  'data//v62.0/limits',
  'apexrest/echo',
  'data/',
  'data',
);

/** Request headers the passthrough forwards, so it must check their values. */
const FORWARDED = [
  'content-type',
  'accept',
  'accept-language',
  'if-modified-since',
  'if-none-match',
  'if-match',
  'if-unmodified-since',
  'sforce-query-options',
  'sforce-auto-assign',
  'sforce-call-options',
  'sforce-duplicate-rule-header',
  'sforce-mru',
  'x-prettyprint',
];
const badHeaderValue = fc.constantFrom('é', 'ü'.repeat(100), '\u0000', 'a\u0000b', '\r\nX-Injected: 1', 'x\ny', '\u2028', '\x7f', '\x1b[31m', '𝕏', '’ OR ’’=’');
const badPriority = fc.constantFrom('urgent', 'high', '0', 'sync,bulk', 'ｓｙｎｃ', 'interactive!', '', 'null', "sync' OR ''='");

/** The passthrough's own parts of a request, good and bad; which are used is the menu's choice. */
export interface PassthroughParts {
  path: string;
  goodPath: string;
  header: [string, string];
  priority: string;
  method: string;
}

/** Everything a passthrough request may be built from. */
export const passthroughParts: fc.Arbitrary<PassthroughParts> = fc.record({
  path: badPassthroughPath,
  goodPath: okPassthroughPath,
  header: fc.tuple(fc.constantFrom(...FORWARDED), badHeaderValue),
  priority: badPriority,
  method: fc.constantFrom('OPTIONS', 'TRACE', 'PROPFIND', 'POST', 'PUT', 'PATCH', 'DELETE'),
});

/** Whether a route is the passthrough, at either mount. */
export const isPassthrough = (route: RouteLogEntry): boolean => route.url.endsWith('/services/*');

/** Whether a route (or `METHOD /url` name) is at the passthrough's root mount: no org in its path, the key's own. */
export const atRootMount = (route: RouteLogEntry | string): boolean => /^(?:[A-Z]+ )?\/(?:services|id)\//.test(typeof route === 'string' ? route : route.url);

/**
 * Fill a passthrough route's target, breaking the parts `bad` names (each recorded in `invalid`);
 * forwarded headers it breaks are written into `headers`.
 */
export function passthroughRequest(
  request: { path: string; method: string },
  headers: Record<string, string | string[]>,
  pt: PassthroughParts,
  bad: ReadonlySet<PartName>,
  invalid: string[],
): { path: string; method: string; query: string } {
  let { path, method } = request;
  // The versions list is read-only: a write to it would be refused for that reason instead.
  let target = (pt.goodPath === 'data/' || pt.goodPath === 'data') && method !== 'GET' && method !== 'HEAD' ? 'data/v62.0/limits' : pt.goodPath;
  if (bad.has('ptPath')) {
    target = pt.path;
    invalid.push('passthrough:path');
  }
  path = path.replace(/\*$/, target);
  let query = '';
  if (bad.has('ptQuery')) {
    query = `q=${'A'.repeat(16 * 1024 + 1)}`;
    invalid.push('passthrough:query-too-long');
  }
  if (bad.has('ptHeader')) {
    headers[pt.header[0]] = pt.header[1];
    invalid.push(`passthrough:header-${pt.header[0]}`);
  }
  if (bad.has('ptPriority')) {
    headers['x-callbudget-priority'] = pt.priority;
    invalid.push('passthrough:priority');
  }
  if (bad.has('ptMethod')) {
    // A method the passthrough does not forward, or a write to the read-only versions list.
    method = pt.method;
    if (method === 'OPTIONS') invalid.push('passthrough:options');
    else if (['TRACE', 'PROPFIND'].includes(method)) invalid.push('passthrough:method');
    else {
      path = path.replace(/services\/.*$/, 'services/data/');
      invalid.push('passthrough:write-versions-list');
    }
  }
  return { path, method, query };
}
