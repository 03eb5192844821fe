/** What the org counts, decided the way the org decides it: by normalised path, then by answer. */
import { describe, expect, it } from 'vitest';
import { isCountedAnswer, isCountedFailure, isCountedPath, normalisedPathname } from '../../src/salesforce/counted-answers.ts';

const counted = (url: string): boolean => isCountedPath(normalisedPathname(url));

describe('counted calls', () => {
  it('counts the data API, Apex REST and Bulk 1.0, wherever an OAuth or versions-list look-alike sits further down', () => {
    expect(counted('https://x.my.salesforce.com/services/data/v62.0/limits')).toBe(true);
    expect(counted('https://x.my.salesforce.com/services/data/v62.0/sobjects/Lead/services/oauth2/')).toBe(true);
    expect(counted('https://x.my.salesforce.com/services/data/v62.0/query/services/data')).toBe(true);
    expect(counted('https://x.my.salesforce.com/services/apexrest/Orders/1')).toBe(true);
    expect(counted('https://x.my.salesforce.com/services/async/62.0/job')).toBe(true);
  });

  it('does not count OAuth, the versions list or paths outside /services', () => {
    expect(counted('https://login.salesforce.com/services/oauth2/token')).toBe(false);
    expect(counted('https://x.my.salesforce.com/services/data')).toBe(false);
    expect(counted('https://x.my.salesforce.com/services/data/')).toBe(false);
    expect(counted('https://x.my.salesforce.com/id/00D/005')).toBe(false);
    // Normalised first: a dot segment cannot move a data call out of the data scope, or into it.
    expect(counted('https://x.my.salesforce.com/services/oauth2/../data/v62.0/limits')).toBe(true);
    expect(counted('https://x.my.salesforce.com/services/data/v62.0/%2e%2e/%2e%2e/oauth2/token')).toBe(false);
  });

  it('gives back a 401 session refusal, both 403 limit refusals and a connection never made', () => {
    expect(isCountedAnswer(401, '[{"errorCode":"INVALID_SESSION_ID"}]')).toBe(false);
    expect(isCountedAnswer(403, '[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"TotalRequests Limit exceeded."}]')).toBe(false);
    expect(isCountedAnswer(403, '[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"ConcurrentRequests (Concurrent API Requests) Limit exceeded."}]')).toBe(false);
    expect(isCountedAnswer(503, '[{"errorCode":"SERVER_UNAVAILABLE"}]')).toBe(true);
    expect(isCountedAnswer(403, '[{"errorCode":"INSUFFICIENT_ACCESS"}]')).toBe(true);
    expect(isCountedFailure('ECONNREFUSED')).toBe(false);
    expect(isCountedFailure('ECONNRESET')).toBe(true);
    expect(isCountedFailure('ETIMEDOUT')).toBe(true);
  });
});
