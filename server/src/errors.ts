/**
 * The one catalogue of errors the API returns. Every error leaves as RFC 9457 problem+json with a
 * stable `code`; codes are never reused for another meaning.
 */
export interface ProblemSpec {
  code: string;
  status: number;
  title: string;
}

const catalogue = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  BODY_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  HEADERS_TOO_LARGE: { status: 431, title: 'The request headers are too large' },
  REQUEST_TIMEOUT: { status: 408, title: 'The request did not arrive in time' },
  UNAUTHENTICATED: { status: 401, title: 'A valid API key is required' },
  FORBIDDEN_ROLE: { status: 403, title: 'Your role may not use this' },
  FORBIDDEN_PLAN: { status: 403, title: 'Your plan does not include this' },
  FORBIDDEN_SCOPE: { status: 403, title: 'This key may not use this' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  WRONG_DIRECTION: { status: 409, title: 'This relationship does not sync in that direction' },
  NOT_CONNECTED: { status: 409, title: 'The org has no Salesforce credentials' },
  CONFLICT: { status: 409, title: 'Someone else changed this first' },
  PRECONDITION_FAILED: { status: 412, title: 'The resource no longer matches If-Match' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'The Idempotency-Key was used for another request' },
  AUTH_RATE_LIMITED: { status: 429, title: 'Too many invalid API keys' },
  BUDGET_EXHAUSTED: { status: 429, title: 'The daily API budget is used up' },
  ORG_RESERVE_REACHED: { status: 429, title: "The org's API limit minus the reserve is reached" },
  ORG_LIMIT_REACHED: { status: 429, title: "Salesforce reports the org's daily API limit reached" },
  SALESFORCE_UNAVAILABLE: { status: 502, title: 'Salesforce could not be reached' },
  SALESFORCE_ERROR: { status: 502, title: 'Salesforce refused the request' },
  JOBS_UNAVAILABLE: { status: 501, title: 'Deferred jobs need REDIS_URL' },
  NOT_READY: { status: 503, title: 'A dependency is not reachable' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, Omit<ProblemSpec, 'code'>>;

export type ProblemCode = keyof typeof catalogue;

/** An error that knows its problem+json shape; throw it from services and routes. */
export class Problem extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly title: string;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(code: ProblemCode, detail?: string, extensions: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const spec = catalogue[code];
    super(detail ?? spec.title);
    this.code = code;
    this.status = spec.status;
    this.title = spec.title;
    this.extensions = extensions;
    this.headers = headers;
  }

  /** The RFC 9457 body. */
  toJSON(instance?: string): Record<string, unknown> {
    return {
      type: problemType(this.code),
      title: this.title,
      status: this.status,
      detail: this.message,
      code: this.code,
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

/** The `type` URI of a problem code: documented under /docs. */
export function problemType(code: string): string {
  return `https://callbudget.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}

/** Every code with its status, for the OpenAPI drift test and the docs. */
export function problemCatalogue(): ProblemSpec[] {
  return Object.entries(catalogue).map(([code, spec]) => ({ code, ...spec }));
}
