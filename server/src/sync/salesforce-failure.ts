/** How a failed Salesforce call reaches the client when it is not a per-record error. */
import { Problem } from '../errors.ts';
import { deniedProblem } from '../http/denial.ts';
import { CallDeniedError } from '../salesforce/call-denied.ts';
import { NoCredentialsError } from '../salesforce/connection-pool.ts';
import { upstreamFailureText } from '../salesforce/failure-text.ts';

/** The Salesforce errorCode of a jsforce error, when Salesforce itself refused (not a transport failure). */
export function salesforceErrorCode(error: unknown): string | undefined {
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  // jsforce invents ERROR_HTTP_<status> for bodies it could not read: that is not Salesforce speaking.
  return typeof code === 'string' && /^[A-Z][A-Z_]*$/.test(code) && !code.startsWith('ERROR_HTTP_') ? code : undefined;
}

/** Turn any error of a Salesforce call into the Problem the client sees (429, 409, 502). */
export function toSalesforceProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof CallDeniedError) return deniedProblem(error.decision);
  if (error instanceof NoCredentialsError) return new Problem('NOT_CONNECTED', 'Connect the org to Salesforce first (PATCH /v1/orgs/{orgId} with salesforce credentials).');
  const code = salesforceErrorCode(error);
  if (code) {
    const message = error instanceof Error ? error.message : String(error);
    return new Problem('SALESFORCE_ERROR', `Salesforce refused the request: ${message}`, { salesforceErrorCode: code });
  }
  // Not Salesforce speaking (no error code): whatever body came back is not repeated.
  return new Problem('SALESFORCE_UNAVAILABLE', `Salesforce could not be reached: ${upstreamFailureText(error)}`);
}
