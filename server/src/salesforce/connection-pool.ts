/**
 * One jsforce connection per org, opened on first use and reopened when the org's settings change.
 * Routes never import jsforce; they ask this pool through the sync and passthrough services.
 */
import type { Connection } from 'jsforce';
import type { Org } from '../orgs/org.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { salesforceCredentialsSchema } from './credentials.ts';
import { connect } from './connect.ts';
import type { CallGate, RetryPolicy } from './counted-transport.ts';

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

/** Create the pool. */
export function createConnectionPool(deps: ConnectionPoolDeps): ConnectionPool {
  const open = new Map<string, { revision: number; conn: Promise<Connection> }>();
  return {
    get(org) {
      const cached = open.get(org.id);
      if (cached && cached.revision === org.revision) return cached.conn;
      if (!org.sealedCredentials) return Promise.reject(new NoCredentialsError(`org ${org.id} has no Salesforce credentials`));
      const creds = salesforceCredentialsSchema.parse(JSON.parse(deps.secretBox.open(org.sealedCredentials)));
      const conn = connect(creds, { apiVersion: deps.apiVersion, clientName: deps.clientName, gate: deps.gateFor(org.id), allowedHosts: deps.allowedHosts, ...(deps.retry ? { retry: deps.retry } : {}) });
      conn.catch(() => open.delete(org.id));
      open.set(org.id, { revision: org.revision, conn });
      return conn;
    },
    drop(orgId) {
      open.delete(orgId);
    },
  };
}
