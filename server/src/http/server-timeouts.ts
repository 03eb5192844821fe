/**
 * How long a client may take to send a request, as Fastify and Node's HTTP server options: a slow
 * sender cannot hold a socket (and a request slot) for ever.
 */
import type { ServerOptions } from 'node:http';
import type { HttpTimeouts } from '../config.ts';

/** Node checks request and header deadlines on an interval; a quarter of the shorter one keeps the overshoot small. */
export function checkingIntervalMs(timeouts: HttpTimeouts): number {
  return Math.min(30_000, Math.max(50, Math.floor(Math.min(timeouts.headersMs, timeouts.requestMs) / 4)));
}

/** The Fastify options that apply `timeouts`. */
export function serverTimeouts(timeouts: HttpTimeouts): { requestTimeout: number; connectionTimeout: number; keepAliveTimeout: number; http: ServerOptions } {
  return {
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.connectionMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: checkingIntervalMs(timeouts) },
  };
}
