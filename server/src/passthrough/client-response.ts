/**
 * The last step of the passthrough: Salesforce's answer with every URL naming the org's Salesforce
 * hosts turned into one on callbudget, so the client's key is never sent to Salesforce.
 */
import type { Connection } from 'jsforce';
import { createLinkRewriter } from './salesforce-links.ts';

/** The parts of a forwarded response that may name a host. */
export interface ClientResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** `response` with its JSON body and headers rewritten for a client reaching the org at `clientInstanceUrl`. */
export function rewriteForClient<T extends ClientResponse>(response: T, conn: Connection, clientInstanceUrl: string): T {
  const rewriter = createLinkRewriter({ instanceUrl: conn.instanceUrl, identityUrl: conn.userInfo?.url }, clientInstanceUrl);
  return { ...response, headers: rewriter.headers(response.headers), body: rewriter.body(response.body, response.headers['Content-Type']) };
}
