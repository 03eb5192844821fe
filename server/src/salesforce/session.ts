/**
 * An org's Salesforce session: the access token and where it is valid, and the one login that
 * renews it when Salesforce refuses it. However many requests notice the same expiry, one login
 * runs: a request sent before the last renewal ends just uses the new token.
 */
import type { SalesforceCredentials } from './credentials.ts';
import type { GuardOptions } from './guarded-http.ts';
import { logIn, type SessionGrant } from './login.ts';

/** Renewing the session failed: the stored credentials no longer log in, or the login host failed. */
export class SessionRefreshError extends Error {
  override name = 'SessionRefreshError';
  constructor(cause: unknown) {
    super(`Unable to refresh the Salesforce session: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export interface Session {
  /** The current grant (a new object after each renewal). */
  readonly grant: SessionGrant;
  /** False for a stored access token: nothing to log in again with. */
  readonly renewable: boolean;
  /** Wait for a renewal in progress, if any (its failure is the renewing request's to report). */
  settled(): Promise<void>;
  /** Log in again unless a renewal finished after `since` (ms); throws SessionRefreshError. */
  renew(since: number): Promise<void>;
}

/** Open a session: log in now (a stored access token needs no request). */
export async function openSession(creds: SalesforceCredentials, guard: GuardOptions): Promise<Session> {
  if (creds.kind === 'access-token') {
    const grant: SessionGrant = { accessToken: creds.accessToken, instanceUrl: creds.instanceUrl };
    return { grant, renewable: false, settled: async () => undefined, renew: async () => undefined };
  }
  let grant = await logIn(creds, guard);
  let renewing: Promise<void> | undefined;
  let renewedAt = 0;
  return {
    get grant() {
      return grant;
    },
    renewable: true,
    async settled() {
      await renewing?.catch(() => undefined);
    },
    async renew(since) {
      if (renewedAt > since) return;
      renewing ??= logIn(creds, guard).then(
        (fresh) => {
          grant = fresh;
        },
        (error: unknown) => {
          throw new SessionRefreshError(error);
        },
      ).finally(() => {
        renewing = undefined;
        renewedAt = Date.now();
      });
      await renewing;
    },
  };
}
