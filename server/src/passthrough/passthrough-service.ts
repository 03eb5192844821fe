/**
 * Forwards one Salesforce REST request for an org through the org's counted transport, so every
 * HTTP attempt (retries and the replay after a session refresh included) is admitted by the limiter
 * and counted, then hands back Salesforce's answer as received.
 */
import type { Connection } from 'jsforce';
import type { HttpRequest, HttpResponse } from 'jsforce/lib/types/common.js';
import type { StreamPromise } from 'jsforce/lib/util/promise.js';
import type { Org } from '../orgs/org.ts';
import { withCallContext } from '../salesforce/call-context.ts';
import type { ConnectionPool } from '../salesforce/connection-pool.ts';
import { pickResponseHeaders } from './forward-headers.ts';
import type { ForwardRequest } from './forward-request.ts';
import { upstreamUrl } from './upstream-target.ts';
import { connectionProblem, sendingProblem } from './upstream-problems.ts';
import { rewriteForClient } from './client-response.ts';

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

/** The parts of jsforce's Connection it keeps private but the passthrough needs. */
interface ConnectionInternals {
  _transport: { httpRequest(req: HttpRequest, options?: { encoding?: BufferEncoding; followRedirect?: boolean }): StreamPromise<HttpResponse> };
  _refreshDelegate?: { refresh(since: number): Promise<void>; isRefreshing(): boolean; waitRefresh(): Promise<void> };
}

function internals(conn: Connection): ConnectionInternals {
  return conn as unknown as ConnectionInternals;
}

/** Salesforce's answer to an expired or revoked session (jsforce refreshes on the same). */
function isInvalidSession(response: ForwardResponse): boolean {
  return response.status === 401 && response.body.includes('INVALID_SESSION_ID');
}

/** One HTTP attempt (plus the transport's own retries), with the session the connection holds now. */
async function sendOnce(conn: Connection, request: ForwardRequest): Promise<ForwardResponse> {
  const headers: Record<string, string> = { ...request.headers, authorization: `Bearer ${conn.accessToken ?? ''}` };
  if (request.body) headers['content-length'] = String(request.body.length);
  const req: HttpRequest = {
    method: request.method,
    url: upstreamUrl(conn.instanceUrl, request.target),
    headers,
    ...(request.body ? { body: request.body } : {}),
  };
  try {
    // latin1 maps bytes 1:1 to chars, so the body comes back byte for byte (binary blobs included);
    // redirects are the client's business, and following one would carry the session elsewhere.
    const response = await internals(conn)._transport.httpRequest(req, { encoding: 'latin1', followRedirect: false });
    return { status: response.statusCode, headers: pickResponseHeaders(response.headers), body: Buffer.from(response.body ?? '', 'latin1') };
  } catch (error) {
    throw sendingProblem(error) ?? error;
  }
}

/**
 * Send, and on INVALID_SESSION_ID refresh the session once and replay once, as jsforce would, but
 * never loop: a second 401 goes back to the client. `since` lets a refresh made by a concurrent
 * request count, so one expiry costs one login however many requests notice it.
 */
async function sendWithRefresh(pool: ConnectionPool, org: Org, conn: Connection, request: ForwardRequest): Promise<ForwardResponse> {
  const delegate = internals(conn)._refreshDelegate;
  if (delegate?.isRefreshing()) await delegate.waitRefresh().catch(() => undefined);
  const sentAt = Date.now();
  const first = await sendOnce(conn, request);
  if (!isInvalidSession(first) || !delegate) return first;
  try {
    await delegate.refresh(sentAt);
  } catch (error) {
    // The stored credentials no longer log in: let the next request start from a fresh login.
    pool.drop(org.id);
    throw connectionProblem(error);
  }
  return sendOnce(conn, request);
}

/** Make the service over the org connection pool. */
export function createPassthroughService(deps: { pool: ConnectionPool }): PassthroughService {
  return {
    async forward(org, request, clientInstanceUrl) {
      let conn: Connection;
      try {
        conn = await deps.pool.get(org);
      } catch (error) {
        throw connectionProblem(error);
      }
      const context = { relationship: 'passthrough', direction: 'passthrough', priority: request.priority } as const;
      const response = await withCallContext(context, () => sendWithRefresh(deps.pool, org, conn, request));
      return rewriteForClient(response, conn, clientInstanceUrl);
    },
  };
}
