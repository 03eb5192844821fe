/**
 * Issue 8, point 9: what counts is decided on the normalised path by the org's rule. Paths that merely
 * contain `/services/oauth2/` or end in `/services/data` are data calls: the org counts them, so do
 * we, and they are refused like any other once the budget is spent.
 */
import { describe, expect, it } from 'vitest';
import { connectedOrg } from '../support/api.ts';
import { settledCounts } from '../support/counted-calls.ts';
import { useStack } from '../support/stack.ts';

const LOOKALIKES = ['/services/data/v62.0/sobjects/Lead/services/oauth2/', '/services/data/v62.0/query/services/data'];

describe('passthrough counted paths', () => {
  const stack = useStack();

  it('counts look-alike paths as the org does, and refuses them with the rest once the budget is spent', async () => {
    // Budget 40: sync may fill 38; the credentials check spent 1.
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox, { dailyLimit: 40 });
    const send = (path: string): Promise<number> =>
      fetch(`${stack.api.url}/v1/orgs/${orgId}/salesforce${path}`, { headers: { authorization: `Bearer ${stack.api.adminKey}` } }).then(async (r) => (await r.arrayBuffer(), r.status));

    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push(await send(LOOKALIKES[i % 2]!));
    const normal = await send('/services/data/v62.0/limits');
    const counts = await settledCounts(stack.api, stack.sandbox, orgId, sf.orgId);

    expect(counts.used).toBe(counts.sandbox);
    expect(counts.sandbox).toBe(38);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50 - 37);
    expect(normal).toBe(429);
  });
});
