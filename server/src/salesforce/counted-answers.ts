/**
 * Which Salesforce calls count against the org's DailyApiRequests, so our `used` equals the org's.
 *
 * By path (decided on the normalised pathname, the way the org decides):
 * - counted: the data API under `/services/data/vNN.N/…` (REST, composite, query, limits…), Apex REST
 *   (`/services/apexrest/…`) and the Bulk API 1.0 (`/services/async/…`);
 * - not counted: OAuth (`/services/oauth2/…`), the versions list (`/services/data/`), anything else.
 *   A path that merely *contains* `/services/oauth2/` further down (`…/sobjects/Lead/services/oauth2/`)
 *   is a data call like any other: the org counts it, so do we.
 *
 * By answer, for an admitted call (the ticket is settled `counted: false`, i.e. given back):
 * - `401 INVALID_SESSION_ID`: the session is checked before the call is counted (the sandbox's
 *   data scope refuses a dead session first; Salesforce does not count unauthenticated requests);
 * - `403 REQUEST_LIMIT_EXCEEDED`, both the daily-limit refusal ("TotalRequests Limit exceeded") and
 *   the concurrent-request refusal ("ConcurrentRequests … Limit exceeded"): a refused call is not
 *   added to the window it was refused by;
 * - a connection never established (refused, no such host, DNS failure, unreachable): nothing arrived.
 * Everything else counts: 2xx, other 4xx, every 5xx, and a request sent that got no answer (timeout,
 * connection reset): the org counted it before it failed or hung (so does the sandbox's ground truth).
 */

const COUNTED_PATH = /^\/services\/(?:data\/v\d+\.\d(?:\/|$)|apexrest(?:\/|$)|async\/)/;

/** Network error codes of a connection that was never established: the request never left. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN']);

/**
 * The pathname as the org routes it: the URL parser's, with dot segments (`..`, `%2e%2e`) resolved.
 * Other escapes stay as sent: the org matches `/services/data/vNN.N` on them undecoded.
 */
export function normalisedPathname(url: string): string {
  return new URL(url, 'http://localhost').pathname;
}

/** True when a call to `pathname` (normalised) counts against the org's daily API requests. */
export function isCountedPath(pathname: string): boolean {
  return COUNTED_PATH.test(pathname);
}

/** True unless Salesforce's answer says it did not count the call (see the list above). */
export function isCountedAnswer(status: number, body: string): boolean {
  if (status === 401 && body.includes('INVALID_SESSION_ID')) return false;
  if (status === 403 && body.includes('REQUEST_LIMIT_EXCEEDED')) return false;
  return true;
}

/** True when a request that failed without an answer (network error `code`) may have been counted. */
export function isCountedFailure(code: string | undefined): boolean {
  return code === undefined || !NEVER_SENT.has(code);
}

/** The network error code of a failed request (node-fetch puts the system code on `code`). */
export function failureCode(error: unknown): string | undefined {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  if (typeof code === 'string') return code;
  return name === 'AbortError' ? 'ETIMEDOUT' : undefined;
}
