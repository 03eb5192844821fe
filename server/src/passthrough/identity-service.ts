/**
 * The org's identity (`/id/ORGID/USERID`) and OpenID Connect userinfo, asked of Salesforce with the
 * org's own session and kept per connection, so passthrough clients get them from callbudget and
 * never need to call Salesforce's identity host with their key. Salesforce does not count either
 * against DailyApiRequests, and the counted transport does not either.
 */
import type { Connection } from 'jsforce';
import { Problem } from '../errors.ts';
import type { Org } from '../orgs/org.ts';
import { withCallContext } from '../salesforce/call-context.ts';
import type { ConnectionPool } from '../salesforce/connection-pool.ts';
import type { SalesforceOrigins } from './salesforce-links.ts';
import { connectionProblem, sendingProblem } from './upstream-problems.ts';

/** How long an identity is served from memory before Salesforce is asked again (names and emails change). */
export const IDENTITY_TTL_MS = 60 * 60 * 1000;

/** A Salesforce identity document, as Salesforce sent it, and the origins its URLs use. */
export interface OrgIdentityDocument {
  body: Record<string, unknown>;
  origins: SalesforceOrigins;
}

export type IdentityKind = 'identity' | 'userinfo';

export interface IdentityService {
  /** The identity or userinfo document of the org's integration user; throws a Problem when Salesforce cannot give it. */
  get(org: Org, kind: IdentityKind): Promise<OrgIdentityDocument>;
}

interface Cached {
  at: number;
  value: Promise<Record<string, unknown>>;
}

interface RefreshDelegate {
  refresh(since: number): Promise<void>;
}

/** jsforce's error for an answer refusing the session: 401 INVALID_SESSION_ID, or the identity host's 403 Bad_OAuth_Token. */
function isSessionRefusal(error: unknown): boolean {
  const { errorCode, message } = (error ?? {}) as { errorCode?: unknown; message?: unknown };
  return errorCode === 'INVALID_SESSION_ID' || errorCode === 'ERROR_HTTP_401' || (errorCode === 'ERROR_HTTP_403' && String(message).includes('Bad_OAuth_Token'));
}

/** Ask Salesforce once; an expired session (401, or the identity host's 403 Bad_OAuth_Token) is refreshed and asked again once. */
async function ask(conn: Connection, kind: IdentityKind): Promise<Record<string, unknown>> {
  const once = async (): Promise<Record<string, unknown>> => {
    if (kind === 'userinfo') return conn.request<Record<string, unknown>>('/services/oauth2/userinfo');
    // A token login gives the identity URL; a stored access token needs the discovery map (one counted call).
    const url = conn.userInfo?.url ?? (await conn.request<{ identity: string }>(`/services/data/v${conn.version}/`)).identity;
    return conn.request<Record<string, unknown>>(`${url}?format=json`);
  };
  const sentAt = Date.now();
  try {
    return await once();
  } catch (error) {
    const delegate = (conn as unknown as { _refreshDelegate?: RefreshDelegate })._refreshDelegate;
    if (!delegate || !isSessionRefusal(error)) throw error;
    await delegate.refresh(sentAt);
    return once();
  }
}

function problemFor(error: unknown): Problem {
  if (error instanceof Problem) return error;
  const sending = sendingProblem(error);
  if (sending) return sending;
  // Salesforce's body is not shown: it is about our session, not the client's request.
  return Object.assign(new Problem('SALESFORCE_ERROR', "Salesforce did not give the org's identity."), { cause: error });
}

/** Make the service over the org connection pool; `now` is for tests of the expiry. */
export function createIdentityService(deps: { pool: ConnectionPool; now?: () => number }): IdentityService {
  const now = deps.now ?? Date.now;
  // Keyed by connection: new credentials (a new connection) never see the old org's identity.
  const cache = new WeakMap<Connection, Map<IdentityKind, Cached>>();
  return {
    async get(org, kind) {
      let conn: Connection;
      try {
        conn = await deps.pool.get(org);
      } catch (error) {
        throw connectionProblem(error);
      }
      const entries = cache.get(conn) ?? new Map<IdentityKind, Cached>();
      cache.set(conn, entries);
      let entry = entries.get(kind);
      if (!entry || now() - entry.at > IDENTITY_TTL_MS) {
        const value = withCallContext({ relationship: 'passthrough', direction: 'passthrough', priority: 'interactive' }, () => ask(conn, kind));
        entry = { at: now(), value };
        entries.set(kind, entry);
        // A failure is not kept: the next request asks again.
        value.catch(() => entries.get(kind) === entry && entries.delete(kind));
      }
      try {
        const body = await entry.value;
        return { body, origins: { instanceUrl: conn.instanceUrl, identityUrl: conn.userInfo?.url ?? (typeof body.id === 'string' ? body.id : undefined) } };
      } catch (error) {
        throw problemFor(error);
      }
    },
  };
}
