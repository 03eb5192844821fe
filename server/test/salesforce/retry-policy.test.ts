/** The one retry policy: who retries, what, how often and how long it waits. */
import { describe, expect, it } from 'vitest';
import { retriesFor, retryAfterMs, retryDelay, type RetryPolicy } from '../../src/salesforce/retry-policy.ts';

const policy: RetryPolicy = { maxRetries: 2, minDelayMs: 100, maxDelayMs: 5_000, timeoutMs: 1_000 };
const unavailable = { status: 503, body: '[{"errorCode":"SERVER_UNAVAILABLE"}]', counted: true };
const concurrency = { status: 403, body: '[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"ConcurrentRequests (Concurrent API Requests) Limit exceeded."}]', counted: false };

describe('retry policy', () => {
  it('never retries for a passthrough client; the sync API retries at most twice', () => {
    expect(retriesFor('passthrough', policy)).toBe(0);
    expect(retriesFor('push', policy)).toBe(2);
    expect(retryDelay(policy, 0, 0, 'GET', unavailable)).toBeUndefined();
    expect(retryDelay(policy, 2, 1, 'GET', unavailable)).toBeGreaterThan(0);
    expect(retryDelay(policy, 2, 2, 'GET', unavailable)).toBeUndefined();
  });

  it('retries a counted failure only when the method is idempotent', () => {
    for (const method of ['GET', 'HEAD', 'PUT', 'DELETE']) expect(retryDelay(policy, 2, 0, method, unavailable)).toBeDefined();
    for (const method of ['POST', 'PATCH']) {
      expect(retryDelay(policy, 2, 0, method, unavailable)).toBeUndefined();
      // A timeout or reset after sending: it may have been applied.
      expect(retryDelay(policy, 2, 0, method, { code: 'ETIMEDOUT', counted: true })).toBeUndefined();
    }
  });

  it('retries any method when Salesforce did not count the attempt, if the refusal is transient', () => {
    expect(retryDelay(policy, 2, 0, 'POST', concurrency)).toBeDefined();
    expect(retryDelay(policy, 2, 0, 'PATCH', { code: 'ECONNREFUSED', counted: false })).toBeDefined();
    // The daily limit and a dead session are not transient: the limiter and the refresh handle them.
    expect(retryDelay(policy, 2, 0, 'GET', { status: 403, body: 'REQUEST_LIMIT_EXCEEDED TotalRequests Limit exceeded.', counted: false })).toBeUndefined();
    expect(retryDelay(policy, 2, 0, 'GET', { status: 401, body: 'INVALID_SESSION_ID', counted: false })).toBeUndefined();
    expect(retryDelay(policy, 2, 0, 'GET', { status: 400, body: 'MALFORMED_QUERY', counted: true })).toBeUndefined();
  });

  it('jitters each wait into the upper half of an exponential backoff', () => {
    expect(retryDelay(policy, 2, 0, 'GET', unavailable, () => 0)).toBe(50);
    expect(retryDelay(policy, 2, 0, 'GET', unavailable, () => 0.999)).toBe(100);
    expect(retryDelay(policy, 2, 1, 'GET', unavailable, () => 0)).toBe(100);
    const seen = new Set(Array.from({ length: 50 }, () => retryDelay(policy, 2, 1, 'GET', unavailable)));
    expect(seen.size).toBeGreaterThan(10);
  });

  it('honours Retry-After, and gives up when it asks for longer than maxDelayMs', () => {
    expect(retryDelay(policy, 2, 0, 'GET', { ...unavailable, retryAfter: '3' })).toBe(3_000);
    expect(retryDelay(policy, 2, 0, 'GET', { ...unavailable, retryAfter: '60' })).toBeUndefined();
    expect(retryAfterMs(new Date(Date.now() + 2_000).toUTCString())).toBeGreaterThan(500);
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
