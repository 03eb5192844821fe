/**
 * Issue 10: the call path in plain sight. The org's SalesforceClient, against the real sandbox org
 * over HTTP, with a gate that writes down what it is asked: every attempt admitted once and settled
 * exactly once (counted as the sandbox counted it), a refusal sends nothing, one login however many
 * requests find the session expired, and no redirect is followed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallSettlement, Decision } from '../../src/limiter/types.ts';
import { CallDeniedError } from '../../src/salesforce/call-denied.ts';
import type { CallContext } from '../../src/salesforce/call-context.ts';
import { createSalesforceClient, type CallGate, type CallOutcome, type SalesforceClient } from '../../src/salesforce/client.ts';
import { salesforceCredentialsSchema } from '../../src/salesforce/credentials.ts';
import { RedirectRefusedError } from '../../src/salesforce/guarded-http.ts';
import { openSession } from '../../src/salesforce/session.ts';
import { startSandbox, type RunningSandbox } from '../support/sandbox.ts';
import { sandboxCredentials } from '../support/api.ts';

const PULL: CallContext = { relationship: 'leads', direction: 'pull', priority: 'sync' };

/** A gate that admits while `allow` says so and keeps every admit, settlement and record. */
function recordingGate() {
  const seen = { admits: 0, settled: [] as CallSettlement[], records: [] as CallOutcome[], allow: true };
  const gate: CallGate = {
    async admit() {
      seen.admits++;
      const now = Date.now();
      return { allowed: seen.allow, remaining: 1, limit: 1, retryAfterMs: seen.allow ? 0 : 1000, resetAt: now, used: 0, bucket: 0, now } satisfies Decision;
    },
    settle: (_decision, outcome) => void seen.settled.push(outcome),
    record: (outcome) => void seen.records.push(outcome),
  };
  return { gate, seen };
}

describe('SalesforceClient: admit → send → settle', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  async function open(retry = { maxRetries: 2, minDelayMs: 5, timeoutMs: 2_000 }) {
    const sf = sandbox.control.createOrg({});
    const creds = salesforceCredentialsSchema.parse(sandboxCredentials(sf));
    const allowed = [new URL(sandbox.url).origin];
    const { gate, seen } = recordingGate();
    const session = await openSession(creds, { allowed, timeoutMs: 2_000 });
    const client: SalesforceClient = createSalesforceClient(session, { gate, retry, allowedHosts: allowed, apiVersion: '62.0', clientName: 'callbudget-test' });
    const calls = () => sandbox.control.groundTruth(sf.orgId).calls;
    return { sf, client, seen, dataCalls: () => calls().filter((c) => c.path.startsWith('/services/data/')), logins: () => calls().filter((c) => c.path === '/services/oauth2/token').length };
  }

  it('admits and settles each attempt exactly once, counted as the org counted it (a GET against a persistent 503: 3 attempts)', async () => {
    const { sf, client, seen, dataCalls } = await open();
    sandbox.control.addFault(sf.orgId, { kind: 'error', status: 503, probability: 1 });
    const response = await client.send(PULL, { method: 'GET', url: '/limits' });
    expect(response.status).toBe(503);
    expect(dataCalls().map((c) => c.status)).toEqual([503, 503, 503]);
    expect(seen.admits).toBe(3);
    expect(seen.settled.map((s) => s.counted)).toEqual(dataCalls().map((c) => c.counted));
    expect(seen.records.map((r) => r.errorCode)).toEqual(['SERVER_UNAVAILABLE', 'SERVER_UNAVAILABLE', 'SERVER_UNAVAILABLE']);
  });

  it('sends nothing when the gate refuses, and throws the decision', async () => {
    const { client, seen, dataCalls } = await open();
    seen.allow = false;
    await expect(client.json(PULL, { method: 'GET', url: '/limits' })).rejects.toBeInstanceOf(CallDeniedError);
    expect(seen.admits).toBe(1);
    expect(seen.settled).toEqual([]);
    expect(dataCalls()).toEqual([]);
  });

  it('renews an expired session with one login however many requests notice it; the refused attempts are given back', async () => {
    const { sf, client, seen, dataCalls, logins } = await open();
    expect(logins()).toBe(1);
    sandbox.control.invalidateSessions(sf.orgId);
    const answers = await Promise.all(Array.from({ length: 5 }, () => client.json<Record<string, unknown>>(PULL, { method: 'GET', url: '/limits' })));
    expect(answers.every((a) => typeof a['DailyApiRequests'] === 'object')).toBe(true);
    expect(logins()).toBe(2);
    const statuses = dataCalls().map((c) => c.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(seen.admits).toBe(10);
    expect(seen.settled.filter((s) => !s.counted)).toHaveLength(5);
    expect(seen.settled.filter((s) => s.counted)).toHaveLength(dataCalls().filter((c) => c.counted).length);
  });

  it('settles a redirect as the counted answer it is, then refuses to follow it', async () => {
    const { sf, client, seen, dataCalls } = await open();
    sandbox.control.addFault(sf.orgId, { kind: 'redirect', status: 302, location: 'http://127.0.0.1:9/elsewhere', pathContains: '/limits' });
    await expect(client.json(PULL, { method: 'GET', url: '/limits' })).rejects.toBeInstanceOf(RedirectRefusedError);
    expect(dataCalls().map((c) => c.status)).toEqual([302]);
    expect(seen.settled.map((s) => s.counted)).toEqual([dataCalls()[0]!.counted]);
  });
});
