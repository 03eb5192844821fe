/**
 * Logging in: one POST to the org's OAuth token endpoint (`/services/oauth2/token`, which Salesforce
 * does not count), for the password, client-credentials and JWT bearer flows. The answer's
 * `instance_url` and `id` are checked against the allow-list before we adopt them, and the request
 * goes through sendGuarded like every other, so a login never follows a redirect either.
 */
import { stringify } from 'node:querystring';
import type { SalesforceCredentials } from './credentials.ts';
import { checkAllowed, sendGuarded, type GuardOptions } from './guarded-http.ts';
import { jwtBearerAssertion } from './jwt-assertion.ts';

/** What a login gives: the session and where it is valid. */
export interface SessionGrant {
  accessToken: string;
  instanceUrl: string;
  /** The identity URL (`…/id/ORGID/USERID`), when a login gave one. */
  identityUrl?: string;
  organizationId?: string;
  userId?: string;
}

/** The token endpoint refused the login; `name` is its OAuth error (`invalid_grant`, `invalid_client_id`). */
export class LoginRefusedError extends Error {
  constructor(error: string, description: string) {
    super(description);
    this.name = error;
  }
}

type LoginCredentials = Exclude<SalesforceCredentials, { kind: 'access-token' }>;

/** The token request's form, field for field as the OAuth flows (and jsforce) send it. */
function tokenForm(creds: LoginCredentials): Record<string, string> {
  switch (creds.kind) {
    case 'password':
      return { grant_type: 'password', username: creds.username, password: creds.password, client_id: creds.clientId, client_secret: creds.clientSecret };
    case 'client-credentials':
      return { grant_type: 'client_credentials', client_id: creds.clientId, client_secret: creds.clientSecret };
    case 'jwt': {
      const assertion = jwtBearerAssertion({ clientId: creds.clientId, username: creds.username, audience: creds.loginUrl, privateKey: creds.privateKey });
      return { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion, client_id: creds.clientId };
    }
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `…/id/ORGID/USERID` → the org and user ids; undefined when `id` is not shaped so. */
function identityOf(id: string): Pick<SessionGrant, 'organizationId' | 'userId'> | undefined {
  const parts = id.split('/');
  const [organizationId, userId] = parts.slice(-2);
  return parts.length >= 2 && organizationId && userId ? { organizationId, userId } : undefined;
}

/** Log in with `creds`; throws LoginRefusedError, a guard error, a network error, or an Error for an answer that is not a token. */
export async function logIn(creds: LoginCredentials, guard: GuardOptions): Promise<SessionGrant> {
  const response = await sendGuarded(
    {
      method: 'POST',
      url: `${creds.loginUrl.replace(/\/+$/, '')}/services/oauth2/token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: stringify(tokenForm(creds)),
    },
    guard,
  );
  const text = response.body.toString('utf8');
  const answer = parseJson(text);
  if (response.status >= 400) {
    const error = typeof answer?.['error'] === 'string' ? answer['error'] : `ERROR_HTTP_${response.status}`;
    throw new LoginRefusedError(error, typeof answer?.['error_description'] === 'string' ? answer['error_description'] : text);
  }
  if (answer?.['instance_url'] !== undefined) checkAllowed(answer['instance_url'], guard.allowed, 'instance_url');
  if (answer?.['id'] !== undefined) checkAllowed(answer['id'], guard.allowed, 'id');
  const { access_token: accessToken, instance_url: instanceUrl, id } = answer ?? {};
  const identity = typeof id === 'string' ? identityOf(id) : undefined;
  if (typeof accessToken !== 'string' || typeof instanceUrl !== 'string' || !identity) throw new Error('The token endpoint did not answer with a session.');
  return { accessToken, instanceUrl, identityUrl: id as string, ...identity };
}
