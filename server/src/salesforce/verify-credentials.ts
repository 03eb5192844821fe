/** Checks new credentials with one counted call (`/limits`), which also tells us the org's limit. */
import { Problem } from '../errors.ts';
import type { Org } from '../orgs/org.ts';
import type { ConnectionPool } from './connection-pool.ts';
import { CallDeniedError } from './call-denied.ts';
import { SETTINGS_CONTEXT } from './call-context.ts';
import { DisallowedHostError, RedirectRefusedError } from './guarded-http.ts';
import { upstreamFailureText } from './failure-text.ts';

/** What went wrong with new credentials, with what to check. */
export function credentialFailure(error: unknown): string {
  const text = upstreamFailureText(error);
  if (error instanceof RedirectRefusedError) return `${text} Use your org's login URL (https://login.salesforce.com, https://test.salesforce.com or your My Domain).`;
  if (/refused the login/.test(text)) return `${text} Check the username, password, client id and secret.`;
  return error instanceof DisallowedHostError ? text : `${text} Check the URL.`;
}

/** Log in and read /limits; a failure is a 4xx saying what went wrong, never a 5xx. */
export async function verifyCredentials(deps: { pool: ConnectionPool }, org: Org): Promise<NonNullable<Org['salesforce']>> {
  try {
    const client = await deps.pool.get(org);
    await client.json(SETTINGS_CONTEXT, { method: 'GET', url: '/limits' });
    return { orgId: client.organizationId ?? 'unknown', instanceUrl: client.instanceUrl, validatedAt: new Date().toISOString() };
  } catch (error) {
    deps.pool.drop(org.id);
    if (error instanceof CallDeniedError) throw error;
    const message = credentialFailure(error);
    throw new Problem('VALIDATION_FAILED', `Salesforce did not accept the credentials: ${message}`, { errors: [{ location: 'body/salesforce', message }] });
  }
}
