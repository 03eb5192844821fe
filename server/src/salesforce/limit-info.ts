/** Reads Salesforce's `Sforce-Limit-Info: api-usage=USED/MAX[; per-app-api-usage=…]` header. */

/** The org-wide usage in the header, or undefined when absent or unreadable. */
export function parseLimitInfo(header: string | string[] | undefined): { used: number; limit: number } | undefined {
  const value = Array.isArray(header) ? header.join(';') : header;
  if (!value) return undefined;
  const match = /(?:^|[;,\s])api-usage=(\d+)\/(\d+)/.exec(value);
  if (!match) return undefined;
  const used = Number(match[1]);
  const limit = Number(match[2]);
  return Number.isSafeInteger(used) && Number.isSafeInteger(limit) && limit > 0 ? { used, limit } : undefined;
}

/** True when a Salesforce error body says the org's daily limit (not the concurrency limit) is reached. */
export function isDailyLimitExceeded(status: number, body: string): boolean {
  return status === 403 && body.includes('REQUEST_LIMIT_EXCEEDED') && !/ConcurrentRequests|Concurrent API/i.test(body);
}
