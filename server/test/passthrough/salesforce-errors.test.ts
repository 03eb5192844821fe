/**
 * Issue 11: a Salesforce client gets every error callbudget makes as a Salesforce error it parses
 * (jsforce 3's `error.errorCode`), through the real passthrough, and can use a salesforce-format key
 * as its access token.
 */
import { describe, expect, it } from 'vitest';
import type { Connection } from 'jsforce';
import { connectedOrg, uniqueOrgId } from '../support/api.ts';
import { useStack } from '../support/stack.ts';
import { clientFor, countPassthroughRequests, recordResponses, sandboxDataCalls } from './support.ts';

const TIMEOUT_MS = 300;
/** jsforce's own retry loop, with short pauses (its 0.5–8 s backoff would make a slow test). */
const FAST_RETRY = { retry: { minTimeout: 5, timeoutFactor: 1 } };

/** The error jsforce raised, as its caller sees it. */
async function failure(work: Promise<unknown>): Promise<{ errorCode?: string; message?: string }> {
  const outcome = await work.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value).slice(0, 200)}`);
  return outcome.error as { errorCode?: string; message?: string };
}

describe('errors reach Salesforce clients as Salesforce errors', () => {
  const stack = useStack({ api: { env: { SALESFORCE_TIMEOUT_MS: String(TIMEOUT_MS) } } });

  const issueKey = async (orgId: string, body: Record<string, unknown>): Promise<{ id: string; secret: string; format: string }> => {
    const response = await fetch(`${stack.api.url}/v1/orgs/${orgId}/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.api.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; secret: string; format: string };
  };

  it('takes a salesforce-format sync key as the access token; the secret names the connected Salesforce org', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    const key = await issueKey(orgId, { kind: 'sync', format: 'salesforce' });
    expect(key.format).toBe('salesforce');
    expect(key.secret.startsWith(`${sf.orgId}!cb${key.id}.`)).toBe(true);
    const client = clientFor(stack.api, orgId, key.secret);
    const { id } = await client.sobject('Lead').create({ LastName: 'Token', Company: 'Shape' });
    expect((await client.sobject('Lead').retrieve(id!)).LastName).toBe('Token');
    const listed = await fetch(`${stack.api.url}/v1/orgs/${orgId}/keys`, { headers: { authorization: `Bearer ${stack.api.adminKey}` } });
    const keys = ((await listed.json()) as { keys: { id: string; format: string }[] }).keys;
    expect(keys.find((k) => k.id === key.id)?.format).toBe('salesforce');
    expect(keys.filter((k) => k.id !== key.id).every((k) => k.format === 'callbudget')).toBe(true);
  });

  it('issues a placeholder org id while the org is not connected', async () => {
    const orgId = uniqueOrgId('unconnected');
    const created = await fetch(`${stack.api.url}/v1/orgs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.api.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: orgId, name: 'Not connected', plan: 'advanced' }),
    });
    expect(created.status).toBe(201);
    const key = await issueKey(orgId, { kind: 'sync', format: 'salesforce' });
    expect(key.secret.startsWith('00D000000000000!cb')).toBe(true);
    // The key works; the org has no Salesforce to reach: not retryable, not a session problem.
    expect(await failure(clientFor(stack.api, orgId, key.secret).limits())).toMatchObject({ errorCode: 'API_DISABLED_FOR_ORG' });
  });

  it('bad, revoked and other-org keys, and keys that may not pass through', async () => {
    const { orgId } = await connectedOrg(stack.api, stack.sandbox);
    const other = await connectedOrg(stack.api, stack.sandbox);
    const revoked = await issueKey(orgId, { kind: 'sync', format: 'salesforce' });
    const gone = await fetch(`${stack.api.url}/v1/orgs/${orgId}/keys/${revoked.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${stack.api.adminKey}` } });
    expect(gone.status).toBe(204);
    const cases: [string, string, string][] = [
      ['unknown key', `00D000000000000!cb0123456789abcdef.${'0'.repeat(64)}`, 'INVALID_SESSION_ID'],
      ['revoked key', revoked.secret, 'INVALID_SESSION_ID'],
      ["another org's key", (await issueKey(other.orgId, { kind: 'sync', format: 'salesforce' })).secret, 'INSUFFICIENT_ACCESS'],
      ['a widget key', (await issueKey(orgId, { kind: 'widget', format: 'salesforce' })).secret, 'INSUFFICIENT_ACCESS'],
      ['a salesperson', (await issueKey(orgId, { kind: 'admin', role: 'salesperson' })).secret, 'INSUFFICIENT_ACCESS'],
    ];
    for (const [what, key, errorCode] of cases) {
      const error = await failure(clientFor(stack.api, orgId, key).sobject('Lead').create({ LastName: 'No', Company: 'Entry' }));
      expect(error.errorCode, what).toBe(errorCode);
      if (errorCode === 'INVALID_SESSION_ID') expect(error.message, what).toBe('Session expired or invalid');
    }
  });

  it("the limiter's refusal: 429 REQUEST_LIMIT_EXCEEDED, which jsforce retries for a GET (no call sent), then raises", async () => {
    // Budget 5: the credentials check spent 1; sync may fill floor(5 × 0.95) = 4.
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox, { dailyLimit: 5 });
    const client = clientFor(stack.api, orgId);
    for (let i = 0; i < 3; i++) await client.limits();
    const before = sandboxDataCalls(stack.sandbox, sf.orgId).total;
    const responses = recordResponses(client);
    const arrived = countPassthroughRequests(stack.api, orgId);

    const refusedPost = await failure(client.sobject('Lead').create({ LastName: 'Over', Company: 'Budget' }));
    const refusedGet = await failure(client.request({ method: 'GET', url: '/services/data/v62.0/limits' }, FAST_RETRY));
    arrived.stop();

    expect(refusedPost).toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: expect.stringMatching(/^Calls are released at /) });
    expect(refusedGet).toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    // The POST once; the GET once and jsforce's 5 retries (below its transport: only the last answer is seen there).
    expect(arrived.count).toBe(7);
    expect(responses.map((r) => r.statusCode)).toEqual([429, 429]);
    expect(responses.every((r) => Number(r.headers['retry-after']) > 0 && r.headers['ratelimit-remaining'] === '0')).toBe(true);
    expect(sandboxDataCalls(stack.sandbox, sf.orgId).total).toBe(before);
  });

  it('bad input, another method, an unknown path', async () => {
    const { orgId } = await connectedOrg(stack.api, stack.sandbox);
    const client: Connection = clientFor(stack.api, orgId);
    const priority = await failure(client.request({ method: 'GET', url: '/services/data/v62.0/limits', headers: { 'x-callbudget-priority': 'urgent' } }));
    expect(priority).toMatchObject({ errorCode: 'INVALID_INPUT', message: expect.stringContaining('x-callbudget-priority') });
    expect(await failure(client.request({ method: 'DELETE', url: '/services/data/' }))).toMatchObject({ errorCode: 'METHOD_NOT_ALLOWED' });
    expect(await failure(client.request({ method: 'GET', url: '/nothing/here' }))).toMatchObject({ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' });
  });

  it('Salesforce not answering: 503 SERVER_UNAVAILABLE', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    stack.sandbox.control.addFault(sf.orgId, { kind: 'hang', ms: TIMEOUT_MS * 3, method: 'POST', pathContains: '/sobjects/Lead', count: 1 });
    const client = clientFor(stack.api, orgId);
    const responses = recordResponses(client);
    expect(await failure(client.sobject('Lead').create({ LastName: 'Hang', Company: 'Timeout' }))).toMatchObject({ errorCode: 'SERVER_UNAVAILABLE' });
    expect(responses.map((r) => r.statusCode)).toEqual([503]);
  });
});
