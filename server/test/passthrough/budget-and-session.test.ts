/**
 * The passthrough spends the same budget as the sync: a refusal is our 429 (REQUEST_LIMIT_EXCEEDED) before Salesforce is
 * called, and an expired session is refreshed and replayed once; the 401 Salesforce did not count
 * is given back, the replay counts.
 */
import { describe, expect, it } from 'vitest';
import { connectedOrg, limiterTotal } from '../support/api.ts';
import { recordServedResponses } from '../support/served-responses.ts';
import { useStack } from '../support/stack.ts';
import { clientFor, countPassthroughRequests, salesforceError, sandboxDataCalls } from './support.ts';

describe('passthrough budget and session', () => {
  const stack = useStack();

  it('answers 429 REQUEST_LIMIT_EXCEEDED with Retry-After once the budget is spent, without calling Salesforce', async () => {
    // Budget 5: the credentials check spent 1; sync may fill floor(5 × 0.95) = 4.
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox, { dailyLimit: 5 });
    const client = clientFor(stack.api, orgId);
    const responses = recordServedResponses(stack.api.app.server, `/v1/orgs/${orgId}/`);
    const through = countPassthroughRequests(stack.api, orgId);
    const before = sandboxDataCalls(stack.sandbox, sf.orgId).total;
    const outcomes: unknown[] = [];
    for (let i = 0; i < 5; i++)
      outcomes.push(
        await client
          .sobject('Lead')
          .create({ LastName: `L${i}`, Company: 'Budget' })
          .catch((e: unknown) => e),
      );
    through.stop();

    expect(outcomes.slice(0, 3).every((o) => (o as { success?: boolean }).success === true)).toBe(true);
    // jsforce read our refusal as Salesforce's error: errorCode and message.
    expect(outcomes.slice(3).every((o) => o instanceof Error && (o as { errorCode?: string }).errorCode === 'REQUEST_LIMIT_EXCEEDED')).toBe(true);
    const refused = responses.at(-1)!;
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    expect(salesforceError(refused)).toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: expect.stringMatching(/^Calls are released at /) });
    // Only the admitted requests reached Salesforce.
    expect(sandboxDataCalls(stack.sandbox, sf.orgId).total - before).toBe(3);
    expect(through.count).toBe(5);
  });

  it('refreshes an expired session and replays the request once, transparently; only the replay counts', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    const client = clientFor(stack.api, orgId);
    const { id } = await client.sobject('Lead').create({ LastName: 'Session', Company: 'Refresh' });
    const before = { sandbox: sandboxDataCalls(stack.sandbox, sf.orgId), limiter: await limiterTotal(stack.api, orgId) };
    const logins = (): number => stack.sandbox.control.groundTruth(sf.orgId).calls.filter((c) => c.path === '/services/oauth2/token').length;
    const loginsBefore = logins();
    stack.sandbox.control.addFault(sf.orgId, { kind: 'invalid-session', count: 1 });

    const record = await client.sobject('Lead').retrieve(id!);

    expect(record.LastName).toBe('Session');
    const after = sandboxDataCalls(stack.sandbox, sf.orgId);
    expect(after.statuses.slice(before.sandbox.total)).toEqual([401, 200]);
    expect(after.paths.slice(before.sandbox.total)).toEqual([`/services/data/v62.0/sobjects/Lead/${id}`, `/services/data/v62.0/sobjects/Lead/${id}`]);
    expect(logins() - loginsBefore).toBe(1);
    await stack.api.services.settled();
    expect((await limiterTotal(stack.api, orgId)) - before.limiter).toBe(1);
  });

  it('replays only once: a second INVALID_SESSION_ID goes back to the client as Salesforce sent it', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    const client = clientFor(stack.api, orgId);
    const before = { sandbox: sandboxDataCalls(stack.sandbox, sf.orgId).total, limiter: await limiterTotal(stack.api, orgId) };
    stack.sandbox.control.addFault(sf.orgId, { kind: 'invalid-session', count: 2 });

    await expect(client.limits()).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });

    expect(sandboxDataCalls(stack.sandbox, sf.orgId).statuses.slice(before.sandbox)).toEqual([401, 401]);
    await stack.api.services.settled();
    expect((await limiterTotal(stack.api, orgId)) - before.limiter).toBe(0);
    // The fault is used up; the refreshed session works.
    expect((await client.limits()).DailyApiRequests?.Max).toBe(15_000);
  });

  it('does not retry a 503 for the client: the client retries itself, each attempt counted once', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    const client = clientFor(stack.api, orgId);
    const before = { sandbox: sandboxDataCalls(stack.sandbox, sf.orgId).total, limiter: await limiterTotal(stack.api, orgId) };
    stack.sandbox.control.addFault(sf.orgId, { kind: 'error', status: 503, method: 'GET', pathContains: '/limits', count: 1 });

    const through = countPassthroughRequests(stack.api, orgId);
    expect((await client.limits()).DailyApiRequests?.Max).toBe(15_000);
    through.stop();

    // jsforce got the 503 (Salesforce's, passed through) and sent its own retry to us.
    expect(through.count).toBe(2);
    expect(sandboxDataCalls(stack.sandbox, sf.orgId).statuses.slice(before.sandbox)).toEqual([503, 200]);
    expect((await limiterTotal(stack.api, orgId)) - before.limiter).toBe(2);
  });

  it('answers 403 API_DISABLED_FOR_ORG when the org has no Salesforce credentials', async () => {
    const orgId = `nocreds-${Date.now().toString(36)}`;
    const created = await fetch(`${stack.api.url}/v1/orgs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.api.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: orgId, name: 'No credentials', plan: 'advanced' }),
    });
    expect(created.status).toBe(201);
    const response = await fetch(`${stack.api.url}/v1/orgs/${orgId}/salesforce/services/data/v62.0/limits`, { headers: { authorization: `Bearer ${stack.api.adminKey}` } });
    expect(response.status).toBe(403);
    expect(salesforceError({ headers: response.headers, body: await response.text() })).toMatchObject({ errorCode: 'API_DISABLED_FOR_ORG', message: expect.stringContaining('Connect the org') });
    expect(await limiterTotal(stack.api, orgId)).toBe(0);
  });
});
