/** Whether an error means Salesforce refused the org's credentials (not that it was unreachable or failing). */
import { LoginRefusedError } from './login.ts';
import { SessionRefreshError } from './session.ts';

/** The OAuth error (`invalid_grant`, `invalid_client_id`…) when `error` is a refused login, else undefined. */
export function credentialsRefusal(error: unknown): string | undefined {
  const login = error instanceof SessionRefreshError ? error.cause : error;
  // A 5xx from the token endpoint is Salesforce failing, not the credentials.
  if (login instanceof LoginRefusedError && !/^ERROR_HTTP_5\d\d$/.test(login.name)) return login.name;
  return undefined;
}
