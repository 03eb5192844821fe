/**
 * A failed Salesforce exchange described in our words. Codes Salesforce or the network gave are
 * named once checked to be codes; a body an upstream host sent is never repeated (it may come from
 * anything answering at that URL).
 */
import { DisallowedHostError, RedirectRefusedError, SalesforceTimeoutError } from './guarded-http.ts';

const CODE = /^[A-Z][A-Z0-9_]{2,63}$/;

/** One sentence for a failure that is not Salesforce refusing with its own error code. */
export function upstreamFailureText(error: unknown): string {
  if (error instanceof DisallowedHostError || error instanceof RedirectRefusedError) return error.message;
  if (error instanceof SalesforceTimeoutError) return 'The Salesforce host did not answer in time.';
  const { name, errorCode, code } = (error ?? {}) as { name?: unknown; errorCode?: unknown; code?: unknown };
  // The token endpoint's OAuth error (`invalid_grant`, `invalid_client_id`) is the error's name (login.ts).
  if (typeof name === 'string' && /^[a-z][a-z_]{2,63}$/.test(name)) return `Salesforce refused the login (${name}).`;
  const http = typeof errorCode === 'string' ? /^ERROR_HTTP_(\d{3})$/.exec(errorCode) : null;
  if (http) return `The Salesforce host answered HTTP ${http[1]} with a body that is not a Salesforce answer.`;
  if (typeof errorCode === 'string' && CODE.test(errorCode)) return `Salesforce refused the request (${errorCode}).`;
  if (typeof code === 'string' && CODE.test(code)) return `The Salesforce host could not be reached (${code}).`;
  return 'The Salesforce host did not answer like Salesforce.';
}
