/**
 * Reading a Salesforce answer the way its clients (jsforce 3) do, so errors keep the shape the rest
 * of callbudget reads: `errorCode` and `message` from Salesforce's error array, or `ERROR_HTTP_<status>`
 * with the raw text when the body is not a Salesforce error (failure-text.ts never repeats that text).
 */
import type { SalesforceResponse } from './guarded-http.ts';

/** Salesforce refused the request with an error answer (status ≥ 400). */
export class SalesforceApiError extends Error {
  constructor(
    message: string,
    /** Salesforce's errorCode; `ERROR_HTTP_<status>` when the body is no Salesforce error, `MULTIPLE_API_ERRORS` for several. */
    readonly errorCode: string | undefined,
    readonly status: number,
    /** The parsed error body. */
    readonly data: unknown,
  ) {
    super(message);
    // As jsforce names it, so logs and checks that read the name see the code.
    this.name = errorCode ?? 'Error';
  }
}

/** The body as JSON when Salesforce says it is JSON, else as text ('' for an empty body, e.g. 304). */
export function parsedBody(response: SalesforceResponse): unknown {
  const text = response.body.toString('utf8');
  if (!/^application\/json(;|$)/.test(response.headers['content-type'] ?? '')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The error an answer with status ≥ 400 stands for. */
export function apiError(response: SalesforceResponse): SalesforceApiError {
  let error = parsedBody(response);
  if (Array.isArray(error)) {
    if (error.length !== 1) return new SalesforceApiError('Multiple errors returned. Check `error.data` for the error details', 'MULTIPLE_API_ERRORS', response.status, error);
    error = error[0];
  }
  const known = error as { message?: unknown; errorCode?: unknown } | null;
  if (typeof known === 'object' && known !== null && typeof known.message === 'string') {
    return new SalesforceApiError(known.message, typeof known.errorCode === 'string' ? known.errorCode : undefined, response.status, error);
  }
  return new SalesforceApiError(response.body.toString('utf8'), `ERROR_HTTP_${response.status}`, response.status, error);
}

/** Salesforce's answer as a value: the parsed body, undefined for 204; throws SalesforceApiError for an error answer. */
export function answerValue<T>(response: SalesforceResponse): T {
  if (response.status >= 400) throw apiError(response);
  if (response.status === 204) return undefined as T;
  if (response.status === 300) throw new SalesforceApiError('Multiple records found', 'MULTIPLE_CHOICES', 300, parsedBody(response));
  return parsedBody(response) as T;
}
