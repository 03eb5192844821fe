/** /metrics counts limiter decisions, Salesforce responses and our own requests, for the operator only. */
import { describe, expect, it } from 'vitest';
import { connectedOrg } from '../support/api.ts';
import { useStack } from '../support/stack.ts';

describe('metrics', () => {
  const stack = useStack();

  it('counts admitted and refused calls, Salesforce responses and request timings', async () => {
    const { orgId } = await connectedOrg(stack.api, stack.sandbox, { dailyLimit: 3, thresholds: { interactive: 1, sync: 1, bulk: 1 }, deferWhenLimited: false });
    const headers = { authorization: `Bearer ${stack.api.adminKey}`, 'content-type': 'application/json' };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${stack.api.url}/v1/orgs/${orgId}/sync/leads`, { method: 'POST', headers, body: JSON.stringify({ operation: 'create', records: [{ lastName: `M${i}`, company: 'Acme' }] }) });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    const response = await fetch(`${stack.api.url}/metrics`, { headers });
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain(`callbudget_limiter_decisions_total{org="${orgId}",priority="interactive",result="admitted"} 1`);
    expect(text).toContain(`callbudget_limiter_decisions_total{org="${orgId}",priority="sync",result="admitted"} 2`);
    expect(text).toContain(`callbudget_limiter_decisions_total{org="${orgId}",priority="sync",result="BUDGET_EXHAUSTED"} 1`);
    expect(text).toMatch(new RegExp(`callbudget_salesforce_responses_total\\{org="${orgId}",relationship="leads",status="2xx"\\} 2`));
    expect(text).toContain('callbudget_http_request_duration_seconds_count{method="POST",route="/v1/orgs/:orgId/sync/:relationship",status="429"} 1');
  });

  it('is for the operator key only', async () => {
    expect((await fetch(`${stack.api.url}/metrics`)).status).toBe(401);
    const key = await stack.api.app.inject({ method: 'POST', url: '/v1/orgs', headers: { authorization: `Bearer ${stack.api.adminKey}` }, payload: { id: 'metrics-org', name: 'm' } });
    expect(key.statusCode).toBe(201);
    const issued = await stack.api.app.inject({ method: 'POST', url: '/v1/orgs/metrics-org/keys', headers: { authorization: `Bearer ${stack.api.adminKey}` }, payload: { kind: 'admin', role: 'administrator' } });
    const secret = issued.json<{ secret: string }>().secret;
    expect((await fetch(`${stack.api.url}/metrics`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(403);
  });
});
