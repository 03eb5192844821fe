/**
 * Salesforce's answers name its own hosts: the identity URL, `nextRecordsUrl`, `attributes.url`,
 * `Location`, describe `urls`, the discovery map. A client following one would send its callbudget
 * key to Salesforce, so every URL on the org's instance or identity host is rewritten to the
 * passthrough's instance URL. Plain string replacement of exact origins, never a JSON re-encode:
 * bytes that are not such a URL come back as Salesforce sent them.
 * Bodies are rewritten as they stream (link-rewrite-stream.ts), so no answer is ever held whole.
 */
import type { Transform } from 'node:stream';
import { createLinkRewriteStream } from './link-rewrite-stream.ts';

/** The Salesforce origins of one org's connection. */
export interface SalesforceOrigins {
  /** The org's instance URL, e.g. `https://acme.my.salesforce.com`. */
  instanceUrl: string;
  /** The identity URL from the login (`https://login.salesforce.com/id/00D…/005…`), when known. */
  identityUrl?: string | undefined;
}

/** Rewrites URLs in text, JSON bodies and response headers. */
export interface LinkRewriter {
  text(value: string): string;
  /** A JSON body with its URLs rewritten; any other body (or one with nothing to rewrite) is returned as is. */
  body(body: Buffer, contentType: string | undefined): Buffer;
  /** A Transform rewriting a streamed JSON body; undefined for any other body (it passes byte for byte). */
  stream(contentType: string | undefined): Transform | undefined;
  /** Headers with URLs rewritten; a header still naming another absolute URL is dropped. */
  headers(headers: Record<string, string>): Record<string, string>;
}

// `/` as written in JSON: plain, or escaped as `\/` (allowed by JSON, not used by Salesforce today).
const SLASH = String.raw`(?:/|\\/)`;
// An origin ends where its path, query, fragment or string does: `:4430` must not match `:443`.
const ORIGIN_END = String.raw`(?=$|[/?#"\\])`;
// An identity URL on any host (the login host differs from the instance), with an org and a user id.
const IDENTITY_PATH = String.raw`https?:${SLASH}${SLASH}[A-Za-z0-9.-]{1,253}(?::\d{1,5})?${SLASH}id${SLASH}(00D[A-Za-z0-9]{12,15})${SLASH}(005[A-Za-z0-9]{12,15})${ORIGIN_END}`;
/** The longest text IDENTITY_PATH matches: `https:`, escaped slashes, a 253-character host, a port, `/id/`, two 18-character ids. */
const IDENTITY_LONGEST = 'https:'.length + 4 + 253 + 6 + 2 + 2 + 2 + 18 + 2 + 18;
const JSON_TYPE = /^application\/json(?:\s*;|$)/i;

const escapeRegExp = (value: string): string => value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The origin of an http(s) URL, or undefined. */
function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** An origin as a pattern matching it with plain or escaped slashes. */
function originPattern(origin: string): string {
  const [scheme, host] = origin.split('://') as [string, string];
  return `${escapeRegExp(scheme)}:${SLASH}${SLASH}${escapeRegExp(host)}${ORIGIN_END}`;
}

/** A rewriter sending every URL on `origins` to `target` (the passthrough instance URL, no trailing slash). */
export function createLinkRewriter(origins: SalesforceOrigins, target: string): LinkRewriter {
  const hosts = [...new Set([originOf(origins.instanceUrl), originOf(origins.identityUrl)].filter((o): o is string => o !== undefined))];
  const pattern = new RegExp(`${IDENTITY_PATH}|${hosts.map(originPattern).join('|') || '(?!)'}`, 'gi');
  const escapedTarget = target.replace(/\//g, '\\/');
  const replace = (match: string, orgId?: string, userId?: string): string => {
    const escaped = match.includes('\\/');
    const replaced = orgId && userId ? `${target}/id/${orgId}/${userId}` : target;
    return escaped ? replaced.replace(/\//g, '\\/') : replaced;
  };
  // An origin matches as itself, its slashes escaped (`\/`) at most: two characters longer.
  const longest = Math.max(IDENTITY_LONGEST, ...hosts.map((host) => host.length + 2));
  const text = (value: string): string => value.replace(pattern, (match: string, orgId: string | undefined, userId: string | undefined) => replace(match, orgId, userId));
  const foreign = (value: string): boolean => {
    const rest = value.split(target).join('').split(escapedTarget).join('');
    return /^[a-z][a-z0-9+.-]*:|\/\/|:\\\/\\\//i.test(rest);
  };
  return {
    text,
    body(body, contentType) {
      if (!contentType || !JSON_TYPE.test(contentType)) return body;
      if (body.indexOf('://') === -1 && body.indexOf(':\\/\\/') === -1) return body;
      // latin1 maps each byte to one char and back, so every byte outside a rewritten URL is kept.
      const before = body.toString('latin1');
      const after = text(before);
      return after === before ? body : Buffer.from(after, 'latin1');
    },
    stream(contentType) {
      return contentType && JSON_TYPE.test(contentType) ? createLinkRewriteStream({ pattern, longest, replace }) : undefined;
    },
    headers(headers) {
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(headers)) {
        const rewritten = text(value);
        if (!foreign(rewritten)) out[name] = rewritten;
      }
      return out;
    },
  };
}
