/**
 * Our own errors as a Salesforce client reads them. Under `/v1/orgs/{orgId}/salesforce/…`, and at the
 * root mount's `/services/…` and `/id/…` (mounts.ts), the client is jsforce, the Salesforce CLI or another Salesforce REST client: none parses problem+json, all read
 * Salesforce's error array (`[{"errorCode","message"}]`, `application/json;charset=UTF-8`) and act on
 * the status. So every error callbudget itself makes there (refusals, bad input, Salesforce
 * unreachable) leaves in that shape; Salesforce's own answers pass through untouched.
 *
 * Our limiter's refusal stays 429 (Salesforce says 403 for its own daily limit): jsforce 3 and the sf
 * CLI (jsforce's transport) retry a 429 to GET/PUT/HEAD/DELETE up to 5 times after 0.5 to 8 s, and a
 * 403 never, so a refusal that lifts within seconds (the window releasing a call) heals without the
 * caller noticing, while a longer one still ends as `errorCode: 'REQUEST_LIMIT_EXCEEDED'`, the code
 * their callers already handle. Those retries cost no Salesforce call (each is refused again before
 * any is sent), and generic HTTP clients honour `Retry-After` on a 429, not on a 403.
 */
import type { ProblemCode, Problem } from '../errors.ts';

/** Salesforce's JSON content type, as jsforce matches it (`^application/json(;|$)`). */
export const SALESFORCE_JSON = 'application/json;charset=UTF-8';

/** What a Salesforce client gets for one of our problems. */
export interface SalesforceError {
  status: number;
  errorCode: string;
  /** Fixed message; else the problem's detail. */
  message?: string;
}

const SESSION_INVALID: SalesforceError = { status: 401, errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' };
const REQUEST_LIMIT: SalesforceError = { status: 429, errorCode: 'REQUEST_LIMIT_EXCEEDED' };
const INSUFFICIENT_ACCESS: SalesforceError = { status: 403, errorCode: 'INSUFFICIENT_ACCESS' };

/** The one table: each Problem code and the Salesforce status and error code closest to it. */
export const SALESFORCE_ERRORS: Record<ProblemCode, SalesforceError> = {
  VALIDATION_FAILED: { status: 400, errorCode: 'INVALID_INPUT' },
  MALFORMED_JSON: { status: 400, errorCode: 'JSON_PARSER_ERROR' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, errorCode: 'UNSUPPORTED_MEDIA_TYPE' },
  BODY_TOO_LARGE: { status: 413, errorCode: 'EXCEEDED_MAX_SIZE_REQUEST' },
  HEADERS_TOO_LARGE: { status: 431, errorCode: 'EXCEEDED_MAX_SIZE_REQUEST' },
  REQUEST_TIMEOUT: { status: 408, errorCode: 'REQUEST_RUNNING_TOO_LONG' },
  // A bad, expired or revoked key, a key of a deleted org, and (only ever for invalid keys) the failed-key limit.
  UNAUTHENTICATED: SESSION_INVALID,
  AUTH_RATE_LIMITED: SESSION_INVALID,
  FORBIDDEN_ROLE: INSUFFICIENT_ACCESS,
  FORBIDDEN_PLAN: INSUFFICIENT_ACCESS,
  FORBIDDEN_SCOPE: INSUFFICIENT_ACCESS,
  NOT_FOUND: { status: 404, errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
  METHOD_NOT_ALLOWED: { status: 405, errorCode: 'METHOD_NOT_ALLOWED' },
  WRONG_DIRECTION: { status: 400, errorCode: 'INVALID_OPERATION' },
  // The org has no usable Salesforce credentials: not retryable (a retry would try the refused login again).
  NOT_CONNECTED: { status: 403, errorCode: 'API_DISABLED_FOR_ORG' },
  CONFLICT: { status: 409, errorCode: 'CONFLICT' },
  PRECONDITION_FAILED: { status: 412, errorCode: 'PRECONDITION_FAILED' },
  // Push-only codes (deferred jobs): never answered on a Salesforce client path, listed so the table is whole.
  IDEMPOTENCY_KEY_REUSED: { status: 422, errorCode: 'INVALID_INPUT' },
  JOBS_UNAVAILABLE: { status: 501, errorCode: 'FUNCTIONALITY_NOT_ENABLED' },
  BUDGET_EXHAUSTED: REQUEST_LIMIT,
  ORG_RESERVE_REACHED: REQUEST_LIMIT,
  ORG_LIMIT_REACHED: REQUEST_LIMIT,
  SALESFORCE_UNAVAILABLE: { status: 503, errorCode: 'SERVER_UNAVAILABLE' },
  SALESFORCE_ERROR: { status: 502, errorCode: 'SERVER_UNAVAILABLE' },
  NOT_READY: { status: 503, errorCode: 'SERVER_UNAVAILABLE' },
  INTERNAL: { status: 500, errorCode: 'UNKNOWN_EXCEPTION' },
};

/**
 * Every path a Salesforce client is given: both mounts of the passthrough and its identity routes
 * (`/v1/orgs/{orgId}/salesforce…`; at the root `/services…` and `/id…`, with the CLI's doubled slash).
 */
const SALESFORCE_CLIENT_PATH = /^(?:\/v1\/orgs\/[^/?#]*\/salesforce|\/+services|\/+id)(?:[/?#]|$)/;

/** Whether the request URL (path and query) is one a Salesforce client uses. */
export function isSalesforceClientPath(url: string): boolean {
  return SALESFORCE_CLIENT_PATH.test(url);
}

/**
 * How the request stood when refused: `orgRefused`, the caller is authenticated but the org was not
 * loaded for it; its NOT_FOUND is then the org scope's (a key of another org, or no such org: one
 * answer, so org ids don't leak), which a Salesforce client gets as 403 INSUFFICIENT_ACCESS.
 */
export interface RefusalContext {
  orgRefused: boolean;
}

/** A problem as Salesforce's error array, with the status a Salesforce client expects. */
export function toSalesforceError(problem: Problem, context: RefusalContext): { status: number; body: [{ errorCode: string; message: string }] } {
  if (problem.code === 'NOT_FOUND' && context.orgRefused) return { status: 403, body: [{ errorCode: INSUFFICIENT_ACCESS.errorCode, message: 'This key may not use this org.' }] };
  const mapped = SALESFORCE_ERRORS[problem.code];
  return { status: mapped.status, body: [{ errorCode: mapped.errorCode, message: mapped.message ?? problem.message }] };
}
