/**
 * The last step of the passthrough: Salesforce's answer with every URL naming the org's Salesforce
 * hosts turned into one on callbudget, so the client's key is never sent to Salesforce.
 */
import { createLinkRewriter, type SalesforceOrigins } from './salesforce-links.ts';

/** The parts of a forwarded response that may name a host. */
export interface ClientResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** `response` with its JSON body and headers rewritten for a client reaching the org (at `origins`) through `clientInstanceUrl`. */
export function rewriteForClient<T extends ClientResponse>(response: T, origins: SalesforceOrigins, clientInstanceUrl: string): T {
  const rewriter = createLinkRewriter(origins, clientInstanceUrl);
  return { ...response, headers: rewriter.headers(response.headers), body: rewriter.body(response.body, response.headers['Content-Type']) };
}
