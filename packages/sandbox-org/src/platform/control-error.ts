/** The control API's own errors (not Salesforce's): a status, a stable code and a message. */

/** Thrown by the programmatic control API; its HTTP routes answer `{error: code, message}` with `status`. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

/** The error for an org id the sandbox does not know. */
export function orgNotFound(orgId: string): ControlError {
  return new ControlError(404, 'ORG_NOT_FOUND', `no org ${orgId} in this sandbox`);
}
