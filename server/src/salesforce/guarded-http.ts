/**
 * The one place bytes leave for Salesforce: one HTTP exchange over node:http(s), sent only to
 * SALESFORCE_ALLOWED_HOSTS, with redirects never followed (they would carry the session or the
 * password to wherever Salesforce, or something posing as it, points) and a deadline on the whole
 * exchange. The body comes back as the bytes received: no decompression (we never ask for it), no
 * charset decoding, so the passthrough relays binary answers byte for byte.
 */
import http from 'node:http';
import https from 'node:https';
import { originAllowed, originOf } from '../http/origins.ts';

/** One request to Salesforce; `url` is absolute. */
export interface SalesforceRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/** Salesforce's answer, whatever its status; header names lower case, repeated ones joined. */
export interface SalesforceResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

/** A URL we were asked (or told by a login) to use points outside the allow-list; nothing was sent there. */
export class DisallowedHostError extends Error {
  override name = 'DisallowedHostError';
  constructor(
    /** The origin refused (parsed, so never more than scheme://host:port). */
    readonly origin: string,
    /** Where the URL came from: `request`, or the login answer's `instance_url` / `id`. */
    readonly source: 'request' | 'instance_url' | 'id',
  ) {
    super(`${source === 'request' ? 'A request' : `The login answer's ${source}`} points at ${origin}, which is not an allowed Salesforce host (SALESFORCE_ALLOWED_HOSTS); nothing was sent there.`);
  }
}

/** Salesforce answered with a redirect, which we do not follow. */
export class RedirectRefusedError extends Error {
  override name = 'RedirectRefusedError';
  constructor(
    readonly status: number,
    /** The redirect target's origin, if it had a readable one. */
    readonly origin: string | undefined,
  ) {
    super(`Salesforce answered ${status} redirecting${origin ? ` to ${origin}` : ''}; redirects are not followed.`);
  }
}

/** No complete answer within the deadline; the request was sent, so Salesforce may have counted it. */
export class SalesforceTimeoutError extends Error {
  override name = 'SalesforceTimeoutError';
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`The Salesforce host did not answer within ${ms} ms.`);
  }
}

export interface GuardOptions {
  /** SALESFORCE_ALLOWED_HOSTS. */
  allowed: readonly string[];
  /** Abort the exchange (answer included) after this long. */
  timeoutMs: number;
  /** Hand a 3xx back instead of refusing it (the passthrough relays it to its client). */
  relayRedirects?: boolean;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Shown instead of an unparseable URL. */
const UNREADABLE = '(an unreadable URL)';

/** Throw DisallowedHostError unless `url` is an absolute URL on an allowed origin. */
export function checkAllowed(url: unknown, allowed: readonly string[], source: DisallowedHostError['source']): void {
  const origin = typeof url === 'string' ? originOf(url) : undefined;
  if (!origin || !originAllowed(origin, allowed)) throw new DisallowedHostError(origin ?? UNREADABLE, source);
}

function targetOrigin(location: string, base: string): string | undefined {
  try {
    return originOf(new URL(location, base).href);
  } catch {
    return undefined;
  }
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

/** Send `req` once; rejects with the network error (its `code`), a timeout, or a refused host or redirect. */
export async function sendGuarded(req: SalesforceRequest, options: GuardOptions): Promise<SalesforceResponse> {
  checkAllowed(req.url, options.allowed, 'request');
  const url = new URL(req.url);
  const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
  const headers: Record<string, string> = { ...req.headers };
  if (body) headers['content-length'] = String(body.length);
  const response = await new Promise<SalesforceResponse>((resolve, reject) => {
    let timedOut = false;
    const fail = (error: Error): void => {
      clearTimeout(timer);
      reject(timedOut ? new SalesforceTimeoutError(options.timeoutMs) : error);
    };
    const send = url.protocol === 'https:' ? https.request : http.request;
    const outgoing = send(url, { method: req.method, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', fail);
      incoming.on('aborted', () => fail(Object.assign(new Error('Salesforce closed the connection mid-answer.'), { code: 'ECONNRESET' })));
      incoming.on('end', () => {
        clearTimeout(timer);
        resolve({ status: incoming.statusCode ?? 0, headers: flatHeaders(incoming.headers), body: Buffer.concat(chunks) });
      });
    });
    const timer = setTimeout(() => {
      timedOut = true;
      outgoing.destroy(new SalesforceTimeoutError(options.timeoutMs));
    }, options.timeoutMs);
    outgoing.on('error', fail);
    outgoing.end(body);
  });
  if (!options.relayRedirects) refuseRedirect(response, req.url);
  return response;
}

/** Throw RedirectRefusedError when `response` (to a request for `url`) is a redirect. */
export function refuseRedirect(response: SalesforceResponse, url: string): void {
  if (!REDIRECTS.has(response.status)) return;
  const location = response.headers['location'];
  throw new RedirectRefusedError(response.status, location ? targetOrigin(location, url) : undefined);
}
