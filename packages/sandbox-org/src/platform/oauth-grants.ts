/**
 * The token endpoint's decisions, free of HTTP: which grant, which org, and the exact body
 * Salesforce answers. The `id` URL ends in /ORGID/USERID because jsforce splits it on every login.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SALESFORCE_AUDIENCES, verifyJwtAssertion, type OAuthError } from './jwt.ts';
import type { Org } from './orgs.ts';
import type { SandboxState } from './sandbox-state.ts';

/** A token request: the form fields, HTTP Basic client credentials if sent, and this sandbox's URL. */
export interface TokenRequest {
  params: Record<string, string | undefined>;
  basic: { clientId: string; clientSecret: string } | undefined;
  baseUrl: string;
}

/** The answer, and the org it concerned when one could be identified (for the ground truth). */
export interface TokenOutcome {
  status: number;
  body: Record<string, string> | OAuthError;
  org: Org | undefined;
}

/** grant_type of the OAuth 2.0 JWT bearer flow (RFC 7523). */
export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

const fail = (error: string, description: string, org?: Org): TokenOutcome => ({
  status: 400,
  body: { error, error_description: description },
  org,
});
const authFailure = (org: Org): TokenOutcome => fail('invalid_grant', 'authentication failure', org);

function same(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Issue a session and build Salesforce's token response. */
function success(state: SandboxState, org: Org, baseUrl: string, withRefresh: boolean): TokenOutcome {
  const owner = { orgId: org.orgId, userId: org.userId };
  const id = `${baseUrl}/id/${org.orgId}/${org.userId}`;
  const issuedAt = String(state.clock.now());
  const body: Record<string, string> = { access_token: state.sessions.issueAccess(owner) };
  if (withRefresh) body.refresh_token = state.sessions.issueRefresh(owner);
  // Salesforce signs id + issued_at with the consumer secret so clients can check the response.
  body.signature = createHmac('sha256', org.clientSecret)
    .update(id + issuedAt)
    .digest('base64');
  body.scope = withRefresh ? 'refresh_token api' : 'api';
  body.instance_url = baseUrl;
  body.id = id;
  body.token_type = 'Bearer';
  body.issued_at = issuedAt;
  return { status: 200, body, org };
}

/** Decide a `POST /services/oauth2/token` request. */
export function grantToken(state: SandboxState, request: TokenRequest): TokenOutcome {
  const { params, basic, baseUrl } = request;
  const grant = params.grant_type;
  if (grant === JWT_BEARER) {
    const checked = verifyJwtAssertion(params.assertion ?? '', (id) => state.orgs.byClientId(id), [...SALESFORCE_AUDIENCES, baseUrl], state.clock.now());
    if ('error' in checked) return { status: 400, body: checked.error, org: checked.org };
    return success(state, checked.org, baseUrl, false);
  }
  if (grant !== 'password' && grant !== 'refresh_token' && grant !== 'client_credentials') {
    return fail('unsupported_grant_type', 'grant type not supported');
  }
  const clientId = params.client_id ?? basic?.clientId;
  const clientSecret = params.client_secret ?? basic?.clientSecret;
  const org = clientId === undefined ? undefined : state.orgs.byClientId(clientId);
  if (!org) return fail('invalid_client_id', 'client identifier invalid');
  // The refresh flow may omit the secret (public clients); when one is sent it must be right.
  const secretOptional = grant === 'refresh_token' && clientSecret === undefined;
  if (!secretOptional && !same(clientSecret, org.clientSecret)) return fail('invalid_client', 'invalid client credentials', org);

  if (grant === 'password') {
    const username = params.username?.toLowerCase();
    if (username !== org.username.toLowerCase() || !same(params.password, org.password)) return authFailure(org);
    return success(state, org, baseUrl, true);
  }
  if (grant === 'refresh_token') {
    const owner = params.refresh_token === undefined ? undefined : state.sessions.resolveRefresh(params.refresh_token);
    if (owner?.orgId !== org.orgId) return fail('invalid_grant', 'expired access/refresh token', org);
    return success(state, org, baseUrl, false);
  }
  // client_credentials: the connected app's run-as user is the org's user.
  return success(state, org, baseUrl, false);
}
