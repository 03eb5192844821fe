/**
 * Issue 8, point 5: the priority is bounded by the key. A sync key may ask for `sync` or `bulk`; asking
 * `interactive` (the share kept for admin pages while the sync is paused) is a 403 before any call.
 */
import { describe, expect, it } from 'vitest';
import { connectedOrg } from '../support/api.ts';
import { useStack } from '../support/stack.ts';
import { salesforceError, sandboxDataCalls } from './support.ts';

describe('passthrough priority', () => {
  const stack = useStack();

  async function syncKey(orgId: string): Promise<string> {
    const response = await fetch(`${stack.api.url}/v1/orgs/${orgId}/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.api.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'sync' }),
    });
    return ((await response.json()) as { secret: string }).secret;
  }

  it('refuses interactive from a sync key with 403 INSUFFICIENT_ACCESS and no call, even while the sync is paused', async () => {
    // Budget 4: the credentials check spent 1, sync may fill floor(4 × 0.95) = 3, interactive 4.
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox, { dailyLimit: 4 });
    const key = await syncKey(orgId);
    const send = (token: string, priority?: string): Promise<Response> =>
      fetch(`${stack.api.url}/v1/orgs/${orgId}/salesforce/services/data/v62.0/limits`, { headers: { authorization: `Bearer ${token}`, ...(priority ? { 'x-callbudget-priority': priority } : {}) } });

    expect((await send(key, 'bulk')).status).toBe(200);
    expect((await send(key)).status).toBe(200);
    expect((await send(key)).status).toBe(429);
    const before = sandboxDataCalls(stack.sandbox, sf.orgId).total;

    const raised = await send(key, 'interactive');
    expect(raised.status).toBe(403);
    expect(salesforceError({ headers: raised.headers, body: await raised.text() })).toEqual({
      errorCode: 'INSUFFICIENT_ACCESS',
      message: 'This key may ask x-callbudget-priority: sync or bulk, not interactive.',
    });
    expect(sandboxDataCalls(stack.sandbox, sf.orgId).total).toBe(before);
    // The operator (and admin keys) may spend the interactive share.
    expect((await send(stack.api.adminKey, 'interactive')).status).toBe(200);
  });
});
