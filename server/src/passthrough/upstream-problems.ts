/**
 * Failures of the passthrough that are ours or the network's, not Salesforce's answer: each becomes
 * a problem+json with a 4xx or 502, never a 500, because the client can act on every one of them.
 * (A Salesforce error response is not here: it is passed through as received.)
 */
import { Problem } from '../errors.ts';
import { deniedProblem } from '../http/denial.ts';
import { CallDeniedError } from '../salesforce/call-denied.ts';
import { NoCredentialsError } from '../salesforce/connection-pool.ts';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);

/** True for errors of reaching Salesforce at all (refused, reset, timed out), as opposed to an answer. */
function isNetworkError(error: unknown): boolean {
  const { code, name, message } = (error ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
  return (typeof code === 'string' && NETWORK_CODES.has(code)) || name === 'FetchError' || name === 'AbortError' || message === 'Request Timeout';
}

/** Keep the original error for the log without showing it to the client. */
function withCause(problem: Problem, cause: unknown): Problem {
  return Object.assign(problem, { cause });
}

/** Opening the org's connection failed: no credentials, credentials refused, or Salesforce unreachable. */
export function connectionProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof NoCredentialsError) return new Problem('NOT_CONNECTED', 'Connect the org to Salesforce first (PATCH /v1/orgs/{orgId} with salesforce credentials).');
  if (isNetworkError(error)) return withCause(new Problem('SALESFORCE_UNAVAILABLE', 'Salesforce could not be reached to open a session.'), error);
  return withCause(new Problem('NOT_CONNECTED', "Salesforce refused the org's stored credentials; update them with PATCH /v1/orgs/{orgId}."), error);
}

/** Sending the request failed: the limiter refused it (429), or Salesforce could not be reached (502). */
export function sendingProblem(error: unknown): Problem | undefined {
  if (error instanceof CallDeniedError) return deniedProblem(error.decision);
  if (isNetworkError(error)) return withCause(new Problem('SALESFORCE_UNAVAILABLE', 'Salesforce could not be reached; the request may or may not have been applied.'), error);
  return undefined;
}
