/**
 * Turns the raw request URL into the Salesforce path and query to forward, or refuses it. Checks
 * run on the raw URL, before any decoding a framework might do, and on every decoding of it, so no
 * spelling of a traversal (`..`, `%2e%2e`, `%252e%252e`, `%2f`, `\`, NUL, `//`) can make the
 * upstream URL leave `/services/data/vXX.X/` or `/services/apexrest/` on the org's own instance.
 *
 * Runs of slashes are one slash, as Salesforce treats them: the Salesforce CLI keeps its instance URL
 * with a trailing slash and asks `//services/data/…`. That happens before any other check, so a
 * doubled slash can never start a new authority upstream (the path always begins with `/services/`).
 */
import { Problem } from '../errors.ts';

/** Longest raw query string forwarded; Salesforce's own URI limit is 16,384 characters. */
export const MAX_QUERY_BYTES = 16 * 1024;

// Visible ASCII only, raw; a space, control or 8-bit byte has no business in a request target.
const RAW_URL_CHARS = /^[\x21-\x7e]*$/;
const VERSIONED = /^\/services\/data\/v\d{1,3}\.\d(?:\/|$)/;
// Apex REST: the org's own classes, counted like the data API (counted-answers.ts).
const APEX_REST = /^\/services\/apexrest\/./;
// With or without its slash: the CLI asks `GET /services/data` to find the newest version.
const VERSIONS_LIST = /^\/services\/data\/?$/;
// A segment that, once decoded, would move up, stay put, or hide a separator or NUL.
const FORBIDDEN_DECODED = /^\.{1,2}$|[/\\\x00-\x1f\x7f]/;
/** Decoding rounds checked: enough for any double or triple encoding a proxy chain might undo. */
const DECODE_ROUNDS = 4;

export interface UpstreamTarget {
  /** Raw path, e.g. `/services/data/v62.0/sobjects/Lead`. */
  path: string;
  /** Raw query string without `?`, or undefined when the URL had none. */
  query: string | undefined;
  /** `GET /services/data/` (or without the slash): Salesforce does not count it and needs no version. */
  versionsList: boolean;
}

function refuse(detail: string, location: 'path' | 'query'): never {
  throw new Problem('VALIDATION_FAILED', detail, { errors: [{ location, message: detail }] });
}

/**
 * Undo one level of percent-encoding byte by byte, leaving a `%` that starts no escape as it is,
 * the way a lenient decoder further down a proxy chain would.
 */
function decodeLeniently(segment: string): string {
  return segment.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Refuse a segment that is, or decodes at any depth to, a dot segment or holds a separator or NUL. */
function checkSegment(raw: string): void {
  // The raw form must be well-formed UTF-8 escapes: overlong forms such as %C0%AE ('.') are refused.
  if (/%(?![0-9a-fA-F]{2})/.test(raw)) refuse('The path holds a malformed percent escape.', 'path');
  try {
    decodeURIComponent(raw);
  } catch {
    refuse('The path holds an escape that is not UTF-8.', 'path');
  }
  let segment = raw;
  for (let round = 0; round <= DECODE_ROUNDS; round++) {
    if (FORBIDDEN_DECODED.test(segment)) refuse('The path holds a traversal, separator or control character.', 'path');
    const decoded = decodeLeniently(segment);
    if (decoded === segment) return;
    segment = decoded;
  }
}

/**
 * The Salesforce path and query in a raw request URL of the passthrough route, whose first
 * `prefixSegments` path segments are the mount's (`/v1/orgs/{orgId}/salesforce` is 4, the root 0:
 * mounts.ts); throws VALIDATION_FAILED.
 */
export function upstreamTarget(rawUrl: string, prefixSegments: number): UpstreamTarget {
  const mark = rawUrl.indexOf('?');
  const rawPath = mark === -1 ? rawUrl : rawUrl.slice(0, mark);
  const query = mark === -1 ? undefined : rawUrl.slice(mark + 1);
  if (!RAW_URL_CHARS.test(rawPath) || rawPath.includes('\\')) refuse('The path holds a character that must be escaped.', 'path');
  const segments = rawPath
    .replace(/\/{2,}/g, '/')
    .split('/')
    .slice(prefixSegments + 1);
  const path = `/${segments.join('/')}`;
  segments.forEach(checkSegment);
  const versionsList = VERSIONS_LIST.test(path);
  if (!versionsList && !VERSIONED.test(path) && !APEX_REST.test(path)) refuse('Only /services/data/vXX.X/… and /services/apexrest/… are passed through.', 'path');
  if (query !== undefined) {
    if (query.length > MAX_QUERY_BYTES) refuse(`The query string is longer than ${MAX_QUERY_BYTES} bytes.`, 'query');
    if (!RAW_URL_CHARS.test(query)) refuse('The query string holds a character that must be escaped.', 'query');
  }
  return { path, query, versionsList };
}

/** The absolute upstream URL on the org's instance; re-checked after URL parsing as a last guard. */
export function upstreamUrl(instanceUrl: string, target: UpstreamTarget): string {
  const base = instanceUrl.replace(/\/+$/, '');
  const url = `${base}${target.path}${target.query === undefined ? '' : `?${target.query}`}`;
  const parsed = new URL(url);
  if (parsed.origin !== new URL(base).origin || !parsed.pathname.endsWith(target.path)) {
    throw new Problem('VALIDATION_FAILED', 'The path does not resolve inside the org instance.');
  }
  return url;
}
