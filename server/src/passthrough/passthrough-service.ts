/**
 * Forwards one Salesforce REST request for an org through the org's SalesforceClient, so every
 * HTTP attempt (the replay after a session refresh included) is admitted by the limiter and
 * counted, then hands back Salesforce's answer as it streams in.
 */
import { Readable } from 'node:stream';
import type { Org } from '../orgs/org.ts';
import { BodyNotReplayableError, type SalesforceClient } from '../salesforce/client.ts';
import type { ConnectionPool } from '../salesforce/connection-pool.ts';
import type { SalesforceResponse, StreamedResponse } from '../salesforce/guarded-http.ts';
import { SessionRefreshError } from '../salesforce/session.ts';
import { pickResponseHeaders } from './forward-headers.ts';
import type { ForwardRequest } from './forward-request.ts';
import { upstreamUrl } from './upstream-target.ts';
import { connectionProblem, sendingProblem } from './upstream-problems.ts';
import { rewriteForClient } from './client-response.ts';
import { requestCost } from './request-cost.ts';
import { sessionRenewedAnswer } from './session-renewed-answer.ts';

/** Salesforce's answer, to be sent to the client unchanged but for its URLs (see salesforce-links.ts). */
export interface ForwardResponse {
  status: number;
  /** Allowlisted headers (Content-Type, Sforce-Limit-Info, Last-Modified, ETag, Location; Content-Length of a body passed as is). */
  headers: Record<string, string>;
  /** The body as it arrives; destroying it closes Salesforce's answer. */
  body: Readable;
  /** Set on an answer of ours in Salesforce's shape (not Salesforce's: nothing to rewrite). */
  ours?: true;
}

export interface PassthroughService {
  /**
   * Send `request` to the org's Salesforce; throws a Problem for a refusal or an unreachable Salesforce.
   * URLs naming the org's Salesforce hosts come back pointing at `clientInstanceUrl`. Aborting
   * `signal` (the client went away) closes the request to Salesforce.
   */
  forward(org: Org, request: ForwardRequest, clientInstanceUrl: string, signal?: AbortSignal): Promise<ForwardResponse>;
}

/** Salesforce's answer to an expired or revoked session; any other 401 goes back to the client as sent. */
function isInvalidSession(response: SalesforceResponse): boolean {
  return response.status === 401 && response.body.includes('INVALID_SESSION_ID');
}

/**
 * Send through the org's client: admitted and counted per attempt, never retried for the client (it
 * retries itself), redirects relayed unfollowed (following one would carry the session elsewhere).
 * On INVALID_SESSION_ID the client renews the session once (one login however many requests notice)
 * and replays once; a second refusal goes back to the client as Salesforce sent it. A streamed body
 * cannot be replayed: the client gets a retryable 503 instead (session-renewed-answer.ts).
 */
async function send(pool: ConnectionPool, org: Org, client: SalesforceClient, request: ForwardRequest, signal: AbortSignal | undefined): Promise<StreamedResponse | ForwardResponse> {
  const context = { relationship: 'passthrough', direction: 'passthrough', priority: request.priority } as const;
  const streamed = request.body instanceof Readable && request.contentLength !== undefined;
  const headers = streamed ? { ...request.headers, 'content-length': request.contentLength! } : request.headers;
  const clientRequest = {
    method: request.method,
    url: (instanceUrl: string) => upstreamUrl(instanceUrl, request.target),
    headers,
    cost: requestCost(request.method, request.target, request.body),
    ...(request.body ? { body: request.body } : {}),
  };
  try {
    // The body is kept as the bytes received, so binary answers pass byte for byte.
    return await client.stream(context, clientRequest, { sessionRefused: isInvalidSession, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (error instanceof BodyNotReplayableError) return { ...sessionRenewedAnswer(), ours: true };
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
    async forward(org, request, clientInstanceUrl, signal) {
      let client: SalesforceClient;
      try {
        client = await deps.pool.get(org);
      } catch (error) {
        throw connectionProblem(error);
      }
      const response = await send(deps.pool, org, client, request, signal);
      if ('ours' in response) return response;
      const forwarded = { status: response.status, headers: pickResponseHeaders(response.headers), body: response.body };
      return rewriteForClient(forwarded, { instanceUrl: client.instanceUrl, identityUrl: client.identityUrl }, clientInstanceUrl, response.headers['content-length']);
    },
  };
}
