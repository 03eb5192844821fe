/**
 * Opens a jsforce connection for an org's credentials, with our counted transport in place and a
 * refresh function that logs in again the same way when Salesforce says INVALID_SESSION_ID.
 */
import { Connection } from 'jsforce';
import type { Transport } from 'jsforce/lib/transport.js';
import type { SalesforceCredentials } from './credentials.ts';
import { jwtBearerAssertion } from './jwt-assertion.ts';
import { CountedTransport, type CallGate } from './counted-transport.ts';
import type { RetryPolicy } from './retry-policy.ts';
import { guardTransport } from './outbound-guard.ts';

export interface ConnectOptions {
  apiVersion: string;
  clientName: string;
  gate: CallGate;
  retry?: RetryPolicy;
  /** SALESFORCE_ALLOWED_HOSTS: the only origins any request (login included) may go to. */
  allowedHosts: readonly string[];
}

type Login = (conn: Connection) => Promise<void>;

function loginFor(creds: SalesforceCredentials): Login | undefined {
  switch (creds.kind) {
    case 'access-token':
      return undefined;
    case 'password':
      return async (conn) => void (await conn.login(creds.username, creds.password));
    case 'client-credentials':
      return async (conn) => void (await conn.authorize({ grant_type: 'client_credentials' }));
    case 'jwt':
      return async (conn) => {
        const assertion = jwtBearerAssertion({ clientId: creds.clientId, username: creds.username, audience: creds.loginUrl, privateKey: creds.privateKey });
        await conn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
      };
  }
}

/** A logged-in connection whose every data call is admitted by `gate`. */
export async function connect(creds: SalesforceCredentials, options: ConnectOptions): Promise<Connection> {
  const login = loginFor(creds);
  const base = { version: options.apiVersion, callOptions: { client: options.clientName } };
  const conn =
    creds.kind === 'access-token'
      ? new Connection({ ...base, instanceUrl: creds.instanceUrl, accessToken: creds.accessToken })
      : new Connection({
          ...base,
          loginUrl: creds.loginUrl,
          oauth2: { clientId: creds.clientId, clientSecret: 'clientSecret' in creds ? creds.clientSecret : undefined, loginUrl: creds.loginUrl },
          refreshFn: (c, callback) => {
            login!(c).then(
              () => {
                callback(null, c.accessToken ?? undefined);
              },
              (error: Error) => {
                callback(error);
              },
            );
          },
        });
  // jsforce keeps its transports private; replacing them is how every request gets counted and every
  // request, the login's included, stays on allowed hosts with redirects unfollowed.
  const allowed = options.allowedHosts;
  (conn as unknown as { _transport: CountedTransport })._transport = guardTransport(new CountedTransport(options.gate, options.retry), { allowed });
  const oauth2 = conn.oauth2 as unknown as { _transport: Transport };
  oauth2._transport = guardTransport(oauth2._transport, { allowed, tokenEndpoint: true });
  if (login) await login(conn);
  return conn;
}
