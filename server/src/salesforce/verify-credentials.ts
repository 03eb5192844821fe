/** Checks new credentials with one counted call (`/limits`), which also tells us the org's limit. */
import { Problem } from '../errors.ts';
import type { Org } from '../orgs/org.ts';
import type { ConnectionPool } from './connection-pool.ts';
import { CallDeniedError } from './call-denied.ts';
import { withCallContext } from './call-context.ts';
import { DisallowedHostError, RedirectRefusedError } from './outbound-guard.ts';

/**
 * What went wrong, in our words: codes Salesforce or the network gave are named (they are checked
 * to be codes), but no body an upstream host sent is ever repeated back.
 */
export function credentialFailure(error: unknown): string {
  if (error instanceof DisallowedHostError) return error.message;
  if (error instanceof RedirectRefusedError) return `${error.message} Use your org's login URL (https://login.salesforce.com, https://test.salesforce.com or your My Domain).`;
  const { name, errorCode, code } = (error ?? {}) as { name?: unknown; errorCode?: unknown; code?: unknown };
  // The token endpoint's OAuth error (`invalid_grant`, `invalid_client_id`) becomes jsforce's error name.
  if (typeof name === 'string' && /^[a-z][a-z_]{2,63}$/.test(name)) return `Salesforce refused the login (${name}); check the username, password, client id and secret.`;
  if (typeof errorCode === 'string' && /^[A-Z][A-Z0-9_]{2,63}$/.test(errorCode)) {
    const http = /^ERROR_HTTP_(\d{3})$/.exec(errorCode);
    return http ? `The Salesforce host answered HTTP ${http[1]} with a body that is not a Salesforce answer; check the URL.` : `Salesforce refused the check call (${errorCode}).`;
  }
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{2,63}$/.test(code)) return `The Salesforce host could not be reached (${code}).`;
  return 'The Salesforce host did not answer like Salesforce; check the URL.';
}

/** Log in and read /limits; a failure is a 4xx saying what went wrong, never a 5xx. */
export async function verifyCredentials(deps: { pool: ConnectionPool }, org: Org): Promise<NonNullable<Org['salesforce']>> {
  try {
    const conn = await deps.pool.get(org);
    await withCallContext({ relationship: 'settings', direction: 'settings', priority: 'interactive' }, () => conn.limits());
    const identity = conn.userInfo;
    return { orgId: identity?.organizationId ?? 'unknown', instanceUrl: conn.instanceUrl, validatedAt: new Date().toISOString() };
  } catch (error) {
    deps.pool.drop(org.id);
    if (error instanceof CallDeniedError) throw error;
    const message = credentialFailure(error);
    throw new Problem('VALIDATION_FAILED', `Salesforce did not accept the credentials: ${message}`, { errors: [{ location: 'body/salesforce', message }] });
  }
}
