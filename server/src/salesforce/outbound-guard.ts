/**
 * Every request jsforce sends for an org, logins included, goes only to SALESFORCE_ALLOWED_HOSTS:
 * the URL is checked before sending, a login's `instance_url` and `id` are checked before jsforce
 * adopts them, and redirects are never followed (they would carry the session or the password to
 * wherever Salesforce, or something posing as it, points).
 */
import { Duplex } from 'node:stream';
import type { Transport } from 'jsforce/lib/transport.js';
import { StreamPromise } from 'jsforce/lib/util/promise.js';
import type { HttpRequest, HttpRequestOptions, HttpResponse } from 'jsforce/lib/types/common.js';
import { originAllowed, originOf } from '../http/origins.ts';

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

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Shown instead of an unparseable URL. */
const UNREADABLE = '(an unreadable URL)';

function check(url: unknown, allowed: readonly string[], source: DisallowedHostError['source']): void {
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

/** Check a token endpoint's success answer before jsforce adopts its URLs. */
function checkTokenAnswer(body: unknown, allowed: readonly string[]): void {
  let answer: { instance_url?: unknown; id?: unknown };
  try {
    answer = JSON.parse(String(body)) as typeof answer;
  } catch {
    return; // not a token answer: jsforce reports it
  }
  if (!answer || typeof answer !== 'object') return;
  if (answer.instance_url !== undefined) check(answer.instance_url, allowed, 'instance_url');
  if (answer.id !== undefined) check(answer.id, allowed, 'id');
}

export interface GuardOptions {
  allowed: readonly string[];
  /** This transport talks to the token endpoint: check the URLs its answers name. */
  tokenEndpoint?: boolean;
}

type HttpRequestFn = (req: HttpRequest, options?: HttpRequestOptions) => StreamPromise<HttpResponse>;

/**
 * Wrap `transport` in place. A caller that asks for `followRedirect: false` itself (the passthrough)
 * gets the 3xx answer to relay; anyone else gets a RedirectRefusedError instead of a silent follow.
 */
export function guardTransport<T extends Transport>(transport: T, options: GuardOptions): T {
  const send: HttpRequestFn = transport.httpRequest.bind(transport);
  const guarded: HttpRequestFn = (req, requestOptions = {}) => {
    const relayRedirects = requestOptions.followRedirect === false;
    let inner: StreamPromise<HttpResponse> | undefined;
    const promise = (async () => {
      check(req.url, options.allowed, 'request');
      inner = send(req, { ...requestOptions, followRedirect: false });
      const response = await inner;
      if (REDIRECTS.has(response.statusCode) && !relayRedirects) {
        const location = response.headers.location;
        throw new RedirectRefusedError(response.statusCode, typeof location === 'string' ? targetOrigin(location, req.url) : undefined);
      }
      if (options.tokenEndpoint && response.statusCode < 300) checkTokenAnswer(response.body, options.allowed);
      return response;
    })();
    // jsforce reads the stream only to pipe bodies; our counted transport hands out an empty one too.
    return StreamPromise.create(() => ({ stream: inner?.stream() ?? new Duplex({ read() {}, write(_c, _e, cb) { cb(); } }), promise }));
  };
  (transport as unknown as { httpRequest: HttpRequestFn }).httpRequest = guarded;
  return transport;
}
