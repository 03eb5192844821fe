/**
 * Slow clients cannot hold sockets (issue 9, point 6): with short timeouts configured, a listening
 * instance closes an unauthenticated slow-body socket at once (authentication runs before the body
 * is read), an authenticated slow body at REQUEST_TIMEOUT_MS, and slow headers at HEADERS_TIMEOUT_MS.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, uniqueOrgId, type RunningApi } from '../support/api.ts';
import { slowSend } from '../support/raw-http.ts';
import { checkingIntervalMs } from '../../src/http/server-timeouts.ts';

const REQUEST_TIMEOUT_MS = 2_000;
const HEADERS_TIMEOUT_MS = 1_000;
/** Node checks the deadlines on an interval; a close may come that much late. */
const SLACK_MS = checkingIntervalMs({ requestMs: REQUEST_TIMEOUT_MS, headersMs: HEADERS_TIMEOUT_MS, connectionMs: 0, keepAliveMs: 0 }) + 400;

describe('slow clients are cut off', () => {
  let api: RunningApi;
  let orgId: string;
  const body = JSON.stringify({ name: 'x'.repeat(400) });
  const patchHead = (key: string): string =>
    [`PATCH /v1/orgs/${orgId} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: Bearer ${key}`, 'Content-Type: application/json', `Content-Length: ${body.length}`, '', ''].join('\r\n');

  beforeAll(async () => {
    api = await startApi({ redisUrl: inject('redisUrl'), env: { REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS) } });
    orgId = uniqueOrgId('slow');
    const created = await fetch(`${api.url}/v1/orgs`, { method: 'POST', headers: { authorization: `Bearer ${api.adminKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ id: orgId, name: 'Slow' }) });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers an unauthenticated slow body 401 and closes the socket before reading the body', async () => {
    // One byte every 200 ms would take 80 s to send the body.
    const seen = await slowSend(api.url, patchHead('cbk_0123456789abcdef_' + 'A'.repeat(43)), body, 200, 10_000);
    expect(seen.status).toBe(401);
    expect(seen.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS);
  });

  it('closes a missing-key slow body too', async () => {
    const head = [`PATCH /v1/orgs/${orgId} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: application/json', `Content-Length: ${body.length}`, '', ''].join('\r\n');
    const seen = await slowSend(api.url, head, body, 200, 10_000);
    expect(seen.status).toBe(401);
    expect(seen.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS);
  });

  it('cuts an authenticated slow body off at REQUEST_TIMEOUT_MS with 408', async () => {
    const seen = await slowSend(api.url, patchHead(api.adminKey), body, 200, 10_000);
    expect(seen.status).toBe(408);
    expect(seen.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(seen.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + SLACK_MS);
    expect(seen.bytesWritten).toBeLessThan(patchHead(api.adminKey).length + body.length);
  });

  it('cuts slow headers off at HEADERS_TIMEOUT_MS', async () => {
    const seen = await slowSend(api.url, `GET /v1/orgs/${orgId}/usage HTTP/1.1\r\nHost: 127.0.0.1\r\n`, 'X-Slow: ' + 'a'.repeat(200) + '\r\n\r\n', 100, 10_000);
    expect(seen.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    expect(seen.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + SLACK_MS);
    expect([0, 408]).toContain(seen.status);
  });
});
