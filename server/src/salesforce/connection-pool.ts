/**
 * One jsforce connection per org, reused only for what it was opened for: this incarnation of the
 * org with these sealed credentials. The org each request reads decides, so an org deleted and
 * created again (or given new credentials) on another instance gets a new connection here, whatever
 * its revision says. Routes never import jsforce; they ask this pool through the services.
 */
import { createHash } from 'node:crypto';
import type { Connection } from 'jsforce';
import type { Org } from '../orgs/org.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { salesforceCredentialsSchema } from './credentials.ts';
import { connect } from './connect.ts';
import type { CallGate } from './counted-transport.ts';
import type { RetryPolicy } from './retry-policy.ts';

export interface ConnectionPoolDeps {
  secretBox: SecretBox;
  apiVersion: string;
  clientName: string;
  gateFor: (orgId: string) => CallGate;
  retry?: RetryPolicy;
  /** SALESFORCE_ALLOWED_HOSTS, enforced on every request of every connection. */
  allowedHosts: readonly string[];
}

export class NoCredentialsError extends Error {
  override name = 'NoCredentialsError';
}

export interface ConnectionPool {
  get(org: Org): Promise<Connection>;
  drop(orgId: string): void;
}

/** What a connection is for: the org's incarnation and its sealed credentials (sealed afresh on every change). */
export function connectionFingerprint(org: Org): string {
  return createHash('sha256').update(`${org.incarnation}\0${org.sealedCredentials ?? ''}`).digest('base64url');
}

/** Create the pool. */
export function createConnectionPool(deps: ConnectionPoolDeps): ConnectionPool {
  const open = new Map<string, { fingerprint: string; conn: Promise<Connection> }>();
  return {
    get(org) {
      const fingerprint = connectionFingerprint(org);
      const cached = open.get(org.id);
      if (cached && cached.fingerprint === fingerprint) return cached.conn;
      if (!org.sealedCredentials) return Promise.reject(new NoCredentialsError(`org ${org.id} has no Salesforce credentials`));
      const creds = salesforceCredentialsSchema.parse(JSON.parse(deps.secretBox.open(org.sealedCredentials)));
      const conn = connect(creds, { apiVersion: deps.apiVersion, clientName: deps.clientName, gate: deps.gateFor(org.id), allowedHosts: deps.allowedHosts, ...(deps.retry ? { retry: deps.retry } : {}) });
      // Only this attempt's entry: a failed login must not evict a newer connection of the org.
      conn.catch(() => {
        if (open.get(org.id)?.conn === conn) open.delete(org.id);
      });
      open.set(org.id, { fingerprint, conn });
      return conn;
    },
    drop(orgId) {
      open.delete(orgId);
    },
  };
}
