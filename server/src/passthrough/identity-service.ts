/**
 * The org's identity (`/id/ORGID/USERID`) and OpenID Connect userinfo, asked of Salesforce with the
 * org's own session and kept per connection, so passthrough clients get them from callbudget and
 * never need to call Salesforce's identity host with their key. Salesforce does not count either
 * against DailyApiRequests, and the client does not either.
 */
import { Problem } from '../errors.ts';
import type { Org } from '../orgs/org.ts';
import type { SalesforceClient } from '../salesforce/client.ts';
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

const IDENTITY_CONTEXT = { relationship: 'passthrough', direction: 'passthrough', priority: 'interactive' } as const;

/**
 * Ask Salesforce; the client renews an expired session (401, or the identity host's 403
 * Bad_OAuth_Token) once and asks again once.
 */
async function ask(client: SalesforceClient, kind: IdentityKind): Promise<Record<string, unknown>> {
  if (kind === 'userinfo') return client.json<Record<string, unknown>>(IDENTITY_CONTEXT, { method: 'GET', url: '/services/oauth2/userinfo' });
  // A token login gives the identity URL; a stored access token needs the discovery map (one counted call).
  const url = client.identityUrl ?? (await client.json<{ identity: string }>(IDENTITY_CONTEXT, { method: 'GET', url: `/services/data/v${client.apiVersion}/` })).identity;
  return client.json<Record<string, unknown>>(IDENTITY_CONTEXT, { method: 'GET', url: `${url}?format=json` });
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
  // Keyed by client: new credentials (a new client) never see the old org's identity.
  const cache = new WeakMap<SalesforceClient, Map<IdentityKind, Cached>>();
  return {
    async get(org, kind) {
      let client: SalesforceClient;
      try {
        client = await deps.pool.get(org);
      } catch (error) {
        throw connectionProblem(error);
      }
      const entries = cache.get(client) ?? new Map<IdentityKind, Cached>();
      cache.set(client, entries);
      let entry = entries.get(kind);
      if (!entry || now() - entry.at > IDENTITY_TTL_MS) {
        const value = ask(client, kind);
        entry = { at: now(), value };
        entries.set(kind, entry);
        // A failure is not kept: the next request asks again.
        value.catch(() => entries.get(kind) === entry && entries.delete(kind));
      }
      try {
        const body = await entry.value;
        return { body, origins: { instanceUrl: client.instanceUrl, identityUrl: client.identityUrl ?? (typeof body.id === 'string' ? body.id : undefined) } };
      } catch (error) {
        throw problemFor(error);
      }
    },
  };
}
