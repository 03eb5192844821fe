/**
 * Which headers cross the passthrough, each way. Only an allowlist is forwarded: the client's
 * Authorization is our API key and must never reach Salesforce, and hop-by-hop or proxy headers
 * from either side must not leak to the other.
 */
import { Problem } from '../errors.ts';

/**
 * Request headers Salesforce REST clients rely on (lower case, as Node gives them), besides every
 * `Sforce-*` header (Sforce-Duplicate-Rule-Header, Sforce-Mru, Sforce-Query-Options, Sforce-Auto-Assign,
 * Sforce-Enable-PKChunking, the ones Salesforce adds next release): they only shape what Salesforce does
 * with the request, and dropping one silently changes it (a duplicate rule not run, a query batch size lost).
 */
export const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept', 'accept-language', 'if-modified-since', 'if-none-match', 'if-match', 'if-unmodified-since', 'x-prettyprint'] as const;

const SFORCE_HEADER = /^sforce-[a-z0-9-]+$/;

/**
 * Response headers a client needs to act like it talked to Salesforce (names as Salesforce writes them),
 * besides every `Sforce-*` header (Sforce-Limit-Info, Bulk API 2.0's Sforce-Locator and
 * Sforce-NumberOfRecords, which a client pages results by).
 */
export const RETURNED_RESPONSE_HEADERS = ['Content-Type', 'Last-Modified', 'ETag', 'Location'] as const;

/** `sforce-locator` → `Sforce-Locator`: Salesforce's own casing. */
const salesforceCasing = (name: string): string => name.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => dash + letter.toUpperCase());

// Visible ASCII, space and tab: what a header value may hold without being reinterpreted downstream.
const SAFE_VALUE = /^[\t\x20-\x7e]*$/;

/** A header value as one string (Node joins most repeated headers; the rest we join the same way). */
function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The allowlisted request headers, checked: a CR, LF, NUL or non-ASCII byte is refused, because it
 * could split or smuggle a header upstream and no Salesforce header needs one.
 */
export function pickRequestHeaders(headers: Record<string, string | string[] | undefined>, clientName: string): Record<string, string> {
  const picked: Record<string, string> = {};
  const names = [...FORWARDED_REQUEST_HEADERS, ...Object.keys(headers).filter((name) => SFORCE_HEADER.test(name))];
  for (const name of names) {
    const value = single(headers[name]);
    if (value === undefined) continue;
    if (!SAFE_VALUE.test(value)) throw new Problem('VALIDATION_FAILED', `Header ${name} holds a control or non-ASCII character.`, { errors: [{ location: `headers/${name}`, message: 'control or non-ASCII character' }] });
    picked[name] = value;
  }
  picked['sforce-call-options'] = withClientOption(picked['sforce-call-options'], clientName);
  return picked;
}

/**
 * `Sforce-Call-Options` with our name appended to the client's own `client=` label
 * (`client=sfdx toolbelt: via callbudget`), or `client=<ours>` when it sent none: Salesforce's usage
 * logs then show both who made the call and that it went through callbudget. The client's other
 * options (e.g. `defaultNamespace`) are kept; the label stays one option (no comma).
 */
export function withClientOption(value: string | undefined, clientName: string): string {
  const parts = (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const labelAt = parts.findIndex((part) => /^client\s*=/i.test(part));
  const theirs = labelAt === -1 ? '' : parts[labelAt]!.replace(/^client\s*=\s*/i, '').trim();
  const label = `client=${theirs === '' ? clientName : `${theirs} via ${clientName}`}`;
  const others = parts.filter((part) => !/^client\s*=/i.test(part));
  return [label, ...others].join(', ');
}

/** The allowlisted response headers; a value Node would refuse to write is dropped rather than failing the reply. */
export function pickResponseHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  const picked: Record<string, string> = {};
  const names = [
    ...RETURNED_RESPONSE_HEADERS,
    ...Object.keys(headers)
      .filter((name) => SFORCE_HEADER.test(name))
      .map(salesforceCasing),
  ];
  for (const name of names) {
    const value = headers[name.toLowerCase()];
    if (value !== undefined && SAFE_VALUE.test(value)) picked[name] = value;
  }
  return picked;
}
