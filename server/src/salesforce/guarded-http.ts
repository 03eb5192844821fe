/**
 * The one place bytes leave for Salesforce: one HTTP exchange over node:http(s), sent only to
 * SALESFORCE_ALLOWED_HOSTS, with redirects never followed (they would carry the session or the
 * password to wherever Salesforce, or something posing as it, points). Two ways to use it: openGuarded
 * streams both bodies (headers and idle deadlines: the passthrough), sendGuarded reads the whole
 * answer under one deadline over the exchange (the sync, logins). The body comes back as the bytes received: no decompression (we never ask for it), no
 * charset decoding, so the passthrough relays binary answers byte for byte.
 */
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { originAllowed, originOf } from '../http/origins.ts';

/** One request to Salesforce; `url` is absolute. */
export interface SalesforceRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/** One request whose body may be a stream (sent as it is read, with backpressure). */
export interface StreamedRequest {
  method: string;
  url: string;
  /** With a stream body, `content-length` (when known) or nothing (sent chunked). */
  headers?: Record<string, string>;
  body?: Buffer | string | Readable;
}

/** Salesforce's answer as its headers arrived; `body` is the bytes still arriving, backpressured. */
export interface StreamedResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: Readable;
}

export interface StreamOptions {
  /** SALESFORCE_ALLOWED_HOSTS. */
  allowed: readonly string[];
  /** Until the answer's headers, counted once the request body has been sent in full. */
  headersTimeoutMs: number;
  /**
   * Longest silence of the connection while the body goes up or the answer comes down (a slow
   * reader on our side stalls it too). @default headersTimeoutMs
   */
  idleTimeoutMs?: number;
  /** Aborts the exchange, e.g. when our client went away. */
  signal?: AbortSignal;
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
  constructor(ms: number, what = 'answer') {
    super(what === 'answer' ? `The Salesforce host did not answer within ${ms} ms.` : `The connection to the Salesforce host was silent for ${ms} ms.`);
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

/**
 * Open one exchange: resolves when the answer's headers arrive, with the body still streaming. Two
 * deadlines instead of one over the whole transfer (a 600 MB file takes what it takes): the answer's
 * headers within `headersTimeoutMs` of the request being sent, and no silence longer than
 * `idleTimeoutMs`. A stream body goes up through pipeline (backpressure; its failure aborts the
 * request). Aborting `signal`, or destroying the answer body, closes the connection.
 */
export function openGuarded(req: StreamedRequest, options: StreamOptions): Promise<StreamedResponse> {
  checkAllowed(req.url, options.allowed, 'request');
  const url = new URL(req.url);
  const body = typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;
  const headers: Record<string, string> = { ...req.headers };
  if (Buffer.isBuffer(body)) headers['content-length'] = String(body.length);
  const idleMs = options.idleTimeoutMs ?? options.headersTimeoutMs;
  return new Promise<StreamedResponse>((resolve, reject) => {
    let headersTimer: NodeJS.Timeout | undefined;
    let answered = false;
    const send = url.protocol === 'https:' ? https.request : http.request;
    const outgoing = send(url, { method: req.method, headers, ...(options.signal ? { signal: options.signal } : {}) });
    outgoing.on('timeout', () => outgoing.destroy(new SalesforceTimeoutError(idleMs, 'idle')));
    outgoing.setTimeout(idleMs);
    // Sent in full: from now on the silence is Salesforce working on it, up to the headers deadline.
    outgoing.on('finish', () => {
      if (outgoing.destroyed || headersTimer || answered) return;
      outgoing.setTimeout(0);
      headersTimer = setTimeout(() => outgoing.destroy(new SalesforceTimeoutError(options.headersTimeoutMs)), options.headersTimeoutMs);
    });
    outgoing.on('response', (incoming) => {
      answered = true;
      clearTimeout(headersTimer);
      outgoing.setTimeout(idleMs);
      resolve({ status: incoming.statusCode ?? 0, headers: flatHeaders(incoming.headers), body: incoming });
    });
    outgoing.on('error', (error) => {
      clearTimeout(headersTimer);
      reject(error);
    });
    // A failed pipeline has destroyed both sides already (the request errors, so we reject above).
    if (body instanceof Readable) pipeline(body, outgoing).catch(() => undefined);
    else outgoing.end(body);
  });
}

/**
 * Send `req` once and read the whole answer; rejects with the network error (its `code`), a timeout
 * (one deadline over the whole exchange), or a refused host or redirect. Built on openGuarded.
 */
export async function sendGuarded(req: SalesforceRequest, options: GuardOptions): Promise<SalesforceResponse> {
  const deadline = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.abort();
  }, options.timeoutMs);
  let response: SalesforceResponse;
  try {
    const answer = await openGuarded(req, { allowed: options.allowed, headersTimeoutMs: options.timeoutMs, signal: deadline.signal });
    response = { status: answer.status, headers: answer.headers, body: await readAll(answer.body) };
  } catch (error) {
    throw timedOut ? new SalesforceTimeoutError(options.timeoutMs) : error;
  } finally {
    clearTimeout(timer);
  }
  if (!options.relayRedirects) refuseRedirect(response, req.url);
  return response;
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Throw RedirectRefusedError when `response` (to a request for `url`) is a redirect. */
export function refuseRedirect(response: SalesforceResponse, url: string): void {
  if (!REDIRECTS.has(response.status)) return;
  const location = response.headers['location'];
  throw new RedirectRefusedError(response.status, location ? targetOrigin(location, url) : undefined);
}
