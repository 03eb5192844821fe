/**
 * Issue 11: a composite batch costs what Salesforce counts, one call per subrequest, and is admitted
 * whole before it is sent: a batch the budget cannot hold never reaches Salesforce.
 */
import { describe, expect, it } from 'vitest';
import { connectedOrg } from '../support/api.ts';
import { settledCounts } from '../support/counted-calls.ts';
import { useStack } from '../support/stack.ts';
import { sandboxDataCalls } from './support.ts';

describe('composite batch through the passthrough', () => {
  const stack = useStack();

  it('is admitted at one call per subrequest, and refused whole when the budget cannot hold it', async () => {
    // Budget 40: sync may fill floor(40 × 0.95) = 38; the credentials check spent 1, leaving 37.
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox, { dailyLimit: 40 });
    const batch = (n: number): Promise<Response> =>
      fetch(`${stack.api.url}/v1/orgs/${orgId}/salesforce/services/data/v62.0/composite/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.api.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ batchRequests: Array.from({ length: n }, () => ({ method: 'GET', url: 'v62.0/limits' })) }),
      });
    const before = sandboxDataCalls(stack.sandbox, sf.orgId).total;

    expect((await batch(25)).status).toBe(200);
    expect((await batch(10)).status).toBe(200);
    // 35 spent, 2 left: a batch of 3 is refused before sending, a batch of 2 still fits.
    const refused = await batch(3);
    expect(refused.status).toBe(429);
    expect((await batch(2)).status).toBe(200);
    expect((await batch(1)).status).toBe(429);

    // Three batches reached Salesforce, and both sides counted their 37 subrequests.
    expect(sandboxDataCalls(stack.sandbox, sf.orgId).total - before).toBe(3);
    const counts = await settledCounts(stack.api, stack.sandbox, orgId, sf.orgId);
    expect(counts.used).toBe(counts.sandbox);
    expect(counts.sandbox).toBe(38);
  });
});
