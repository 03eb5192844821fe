/**
 * Forwards one Salesforce REST request for an org through the org's SalesforceClient, so every
 * HTTP attempt (the replay after a session refresh included) is admitted by the limiter and
 * counted, then hands back Salesforce's answer as received.
 */
import type { Org } from '../orgs/org.ts';
import type { SalesforceClient } from '../salesforce/client.ts';
import type { ConnectionPool } from '../salesforce/connection-pool.ts';
import type { SalesforceResponse } from '../salesforce/guarded-http.ts';
import { SessionRefreshError } from '../salesforce/session.ts';
import { pickResponseHeaders } from './forward-headers.ts';
import type { ForwardRequest } from './forward-request.ts';
import { upstreamUrl } from './upstream-target.ts';
import { connectionProblem, sendingProblem } from './upstream-problems.ts';
import { rewriteForClient } from './client-response.ts';
import { requestCost } from './request-cost.ts';

/** Salesforce's answer, to be sent to the client unchanged but for its URLs (see salesforce-links.ts). */
export interface ForwardResponse {
  status: number;
  /** Allowlisted headers (Content-Type, Sforce-Limit-Info, Last-Modified, ETag, Location). */
  headers: Record<string, string>;
  body: Buffer;
}

export interface PassthroughService {
  /**
   * Send `request` to the org's Salesforce; throws a Problem for a refusal or an unreachable Salesforce.
   * URLs naming the org's Salesforce hosts come back pointing at `clientInstanceUrl`.
   */
  forward(org: Org, request: ForwardRequest, clientInstanceUrl: string): Promise<ForwardResponse>;
}

/** Salesforce's answer to an expired or revoked session; any other 401 goes back to the client as sent. */
function isInvalidSession(response: SalesforceResponse): boolean {
  return response.status === 401 && response.body.includes('INVALID_SESSION_ID');
}

/**
 * Send through the org's client: admitted and counted per attempt, never retried for the client (it
 * retries itself), redirects relayed unfollowed (following one would carry the session elsewhere).
 * On INVALID_SESSION_ID the client renews the session once (one login however many requests notice)
 * and replays once; a second refusal goes back to the client as Salesforce sent it.
 */
async function send(pool: ConnectionPool, org: Org, client: SalesforceClient, request: ForwardRequest): Promise<ForwardResponse> {
  const context = { relationship: 'passthrough', direction: 'passthrough', priority: request.priority } as const;
  const clientRequest = {
    method: request.method,
    url: (instanceUrl: string) => upstreamUrl(instanceUrl, request.target),
    headers: request.headers,
    cost: requestCost(request.method, request.target, request.body),
    ...(request.body ? { body: request.body } : {}),
  };
  try {
    // The body is kept as the bytes received, so binary answers pass byte for byte.
    const response = await client.send(context, clientRequest, { relayRedirects: true, sessionRefused: isInvalidSession });
    return { status: response.status, headers: pickResponseHeaders(response.headers), body: response.body };
  } catch (error) {
    if (error instanceof SessionRefreshError) {
      // The stored credentials no longer log in: let the next request start from a fresh login.
      pool.drop(org.id);
      throw connectionProblem(error.cause);
    }
    throw sendingProblem(error) ?? error;
  }
}

/** Make the service over the org connection pool. */
export function createPassthroughService(deps: { pool: ConnectionPool }): PassthroughService {
  return {
    async forward(org, request, clientInstanceUrl) {
      let client: SalesforceClient;
      try {
        client = await deps.pool.get(org);
      } catch (error) {
        throw connectionProblem(error);
      }
      const response = await send(deps.pool, org, client, request);
      return rewriteForClient(response, { instanceUrl: client.instanceUrl, identityUrl: client.identityUrl }, clientInstanceUrl);
    },
  };
}
