/**
 * Our own store (Redis) failing is ours to name: `503 NOT_READY` with `Retry-After`, never a 500 and
 * never "Salesforce could not be reached". Nothing is admitted while it fails (fail closed).
 */
import { Problem } from '../errors.ts';

/** Seconds a client should wait before trying again while the store does not answer. */
export const STORE_RETRY_AFTER_SECONDS = 5;

// ioredis: a command given up after maxRetriesPerRequest, an error reply, a connection closed for good.
const STORE_ERROR_NAMES = new Set(['MaxRetriesPerRequestError', 'ReplyError']);

/** The 503 for a store failure; the original error is kept as `cause` for the log. */
export function storeUnavailable(cause: unknown, detail = 'The limiter store did not answer; nothing was sent to Salesforce.'): Problem {
  if (cause instanceof Problem) return cause;
  return Object.assign(new Problem('NOT_READY', detail, {}, { 'Retry-After': String(STORE_RETRY_AFTER_SECONDS) }), { cause });
}

/** True for the errors ioredis rejects a command with when Redis is unreachable or errs. */
export function isStoreFailure(error: unknown): boolean {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  return (typeof name === 'string' && STORE_ERROR_NAMES.has(name)) || message === 'Connection is closed.';
}
