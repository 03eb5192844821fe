/**
 * The last step of the passthrough: Salesforce's answer with every URL naming the org's Salesforce
 * hosts turned into one on callbudget, so the client's key is never sent to Salesforce. The body
 * streams: a JSON body through the rewriting Transform, any other byte for byte.
 */
import { pipeline, type Readable } from 'node:stream';
import { createLinkRewriter, type SalesforceOrigins } from './salesforce-links.ts';

/** The parts of a forwarded response that may name a host; `body` is still arriving. */
export interface ClientResponse {
  status: number;
  headers: Record<string, string>;
  body: Readable;
}

/**
 * `response` with its headers and (JSON) body rewritten for a client reaching the org (at `origins`)
 * through `clientInstanceUrl`. `contentLength` is Salesforce's, passed on only for a body that is
 * not rewritten (a rewritten one changes length and goes chunked).
 */
export function rewriteForClient<T extends ClientResponse>(response: T, origins: SalesforceOrigins, clientInstanceUrl: string, contentLength?: string): T {
  const rewriter = createLinkRewriter(origins, clientInstanceUrl);
  const headers = rewriter.headers(response.headers);
  const rewriting = rewriter.stream(response.headers['Content-Type']);
  if (!rewriting) return { ...response, headers: contentLength !== undefined && /^\d+$/.test(contentLength) ? { ...headers, 'Content-Length': contentLength } : headers };
  // A failure either way destroys both: a broken answer breaks the client's response, a gone client closes Salesforce's.
  const body = pipeline(response.body, rewriting, () => undefined);
  return { ...response, headers, body };
}
