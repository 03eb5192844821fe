/**
 * The pool reuses a connection only for what it was opened for (issue 9.1): the org's incarnation and
 * its sealed credentials. The revision alone restarts at 1 when an org is re-created, so it cannot tell.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Org } from '../../src/orgs/org.ts';
import { DEFAULT_POLICY } from '../../src/limiter/limiter.ts';
import { DEFAULT_MAPPINGS } from '../../src/sync/default-mappings.ts';
import { startApi, type RunningApi } from '../support/api.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startApi({});
});
afterAll(() => api.close());

/** An org with access-token credentials: opening its connection makes no request. */
function org(incarnation: string, token: string, revision = 1): Org {
  const sealedCredentials = api.services.secretBox.seal(JSON.stringify({ kind: 'access-token', instanceUrl: 'http://127.0.0.1:9', accessToken: token }));
  return {
    id: 'pooled', incarnation, name: 'pooled', plan: 'advanced', policy: DEFAULT_POLICY, mappings: DEFAULT_MAPPINGS,
    corsOrigins: [], createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', revision, sealedCredentials,
  };
}

describe('connection pool', () => {
  it('keeps the connection across settings changes, and opens another for a new incarnation or new credentials', async () => {
    const { pool } = api.services;
    const first = org('one', 'token-a');
    const conn = await pool.get(first);
    expect(await pool.get({ ...first, revision: 5, name: 'renamed' })).toBe(conn);
    // Deleted and created again: same id, same revision, another incarnation and Salesforce org.
    const recreated = org('two', 'token-b');
    const other = await pool.get(recreated);
    expect(other).not.toBe(conn);
    expect(other.accessToken).toBe('token-b');
    // Same incarnation, credentials sealed again (a PATCH): a new connection too.
    expect(await pool.get(org('two', 'token-b', 2))).not.toBe(other);
  });
});
