/**
 * Where clients reach this API, for the absolute URLs the passthrough hands out in place of
 * Salesforce's: `PUBLIC_URL` when set (recommended behind a proxy or a CDN), else the request's
 * protocol and Host (Fastify reads X-Forwarded-Proto/-Host only when `trustProxy` allows it).
 */
import { Problem } from '../errors.ts';

// A DNS name or bracketed IPv6 literal, and a port: nothing that could break out of a URL or a JSON string.
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** What is read from a request (Fastify's `request.protocol` and `request.host`). */
export interface RequestOrigin {
  protocol: string;
  host: string;
}

/** The public base URL, without a trailing slash; a Host that is not a plain host[:port] is refused with 400. */
export function publicBase(request: RequestOrigin, publicUrl: string | undefined): string {
  if (publicUrl !== undefined) return publicUrl;
  const protocol = request.protocol === 'https' ? 'https' : 'http';
  if (!HOST.test(request.host)) {
    throw new Problem('VALIDATION_FAILED', 'The Host header is not a host name or address with an optional port.', { errors: [{ location: 'headers/host', message: 'not a host[:port]' }] });
  }
  return `${protocol}://${request.host}`;
}
