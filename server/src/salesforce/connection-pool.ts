/**
 * One SalesforceClient per org, reused only for what it was opened for: this incarnation of the
 * org with these sealed credentials. The org each request reads decides, so an org deleted and
 * created again (or given new credentials) on another instance gets a new client here, whatever
 * its revision says. Routes never talk to Salesforce; they ask this pool through the services.
 */
import { createHash } from 'node:crypto';
import type { Org } from '../orgs/org.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { salesforceCredentialsSchema } from './credentials.ts';
import { createSalesforceClient, type CallGate, type SalesforceClient } from './client.ts';
import { DEFAULT_RETRY, type RetryPolicy } from './retry-policy.ts';
import { openSession } from './session.ts';
import { credentialsRefusal } from './credentials-refusal.ts';

export interface ConnectionPoolDeps {
  secretBox: SecretBox;
  apiVersion: string;
  clientName: string;
  gateFor: (orgId: string) => CallGate;
  retry?: RetryPolicy;
  /** SALESFORCE_ALLOWED_HOSTS, enforced on every request of every client, logins included. */
  allowedHosts: readonly string[];
}

export class NoCredentialsError extends Error {
  override name = 'NoCredentialsError';
}

export interface ConnectionPool {
  /** The org's client, logged in (the login is shared by concurrent callers). */
  get(org: Org): Promise<SalesforceClient>;
  drop(orgId: string): void;
}

/** What a client is for: the org's incarnation and its sealed credentials (sealed afresh on every change). */
export function connectionFingerprint(org: Org): string {
  return createHash('sha256').update(`${org.incarnation}\0${org.sealedCredentials ?? ''}`).digest('base64url');
}

/** Create the pool. */
export function createConnectionPool(deps: ConnectionPoolDeps): ConnectionPool {
  const open = new Map<string, { fingerprint: string; client: Promise<SalesforceClient> }>();
  const retry = deps.retry ?? DEFAULT_RETRY;
  return {
    get(org) {
      const fingerprint = connectionFingerprint(org);
      const cached = open.get(org.id);
      if (cached && cached.fingerprint === fingerprint) return cached.client;
      if (!org.sealedCredentials) return Promise.reject(new NoCredentialsError(`org ${org.id} has no Salesforce credentials`));
      const creds = salesforceCredentialsSchema.parse(JSON.parse(deps.secretBox.open(org.sealedCredentials)));
      const client = openSession(creds, { allowed: deps.allowedHosts, timeoutMs: retry.timeoutMs }).then((session) =>
        createSalesforceClient(session, { gate: deps.gateFor(org.id), retry, allowedHosts: deps.allowedHosts, apiVersion: deps.apiVersion, clientName: deps.clientName }),
      );
      // Only this attempt's entry: a failed login must not evict a newer client of the org.
      client.catch((error: unknown) => {
        if (open.get(org.id)?.client === client) open.delete(org.id);
        const reason = credentialsRefusal(error);
        if (reason) deps.gateFor(org.id).credentialsRefused?.(reason);
      });
      open.set(org.id, { fingerprint, client });
      return client;
    },
    drop(orgId) {
      open.delete(orgId);
    },
  };
}
