/**
 * Issue 9.2: every settings write is a compare-and-set on the org's revision. Concurrent PATCHes are
 * applied or refused, never lost; ETag / If-Match on /v1/orgs/{orgId}; a create claims its id once.
 */
import { describe, expect, it } from 'vitest';
import { connectedOrg, sandboxCredentials, uniqueOrgId } from '../support/api.ts';
import { useStack } from '../support/stack.ts';

const stack = useStack();

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${stack.api.adminKey}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, etag: response.headers.get('etag'), body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
}

/** One PATCH per index, each setting one field to a value only it uses. */
function patchNumber(i: number): Record<string, unknown> {
  switch (i % 5) {
    case 0:
      return { name: `Name ${i}` };
    case 1:
      return { dailyLimit: 1_000 + i };
    case 2:
      return { reservePercent: i % 90 };
    case 3:
      return { thresholds: { interactive: 1, sync: i / 100, bulk: 0.1 } };
    default:
      return { corsOrigins: [`https://crm${i}.example.com`] };
  }
}

/** Revision carried by our ETag ("<incarnation>.<revision>"). */
const revisionOf = (etag: string | null): number => Number(/\.(\d+)"$/.exec(etag ?? '')?.[1]);

describe('concurrent settings writes', () => {
  it('50 concurrent PATCHes of different fields: each applied or 409, and the org holds every applied one', async () => {
    const { orgId } = await connectedOrg(stack.api, stack.sandbox);
    const start = await call('GET', `/v1/orgs/${orgId}`);
    const outcomes = await Promise.all(Array.from({ length: 50 }, async (_, i) => ({ i, patch: patchNumber(i), ...(await call('PATCH', `/v1/orgs/${orgId}`, patchNumber(i))) })));
    const applied = outcomes.filter((o) => o.status === 200);
    const refused = outcomes.filter((o) => o.status === 409);
    expect(applied.length + refused.length).toBe(50);
    for (const o of refused) expect(o.body).toMatchObject({ code: 'CONFLICT', status: 409 });
    console.info(`50 concurrent PATCHes: ${applied.length} applied, ${refused.length} answered 409`);
    expect(applied.length).toBeGreaterThan(0);

    // Each applied PATCH made exactly one revision; replaying them in revision order gives the final org.
    const revisions = applied.map((o) => revisionOf(o.etag)).sort((x, y) => x - y);
    const first = revisionOf(start.etag);
    expect(revisions).toEqual(applied.map((_, k) => first + 1 + k));
    const expected: Record<string, unknown> = { ...start.body };
    for (const o of [...applied].sort((x, y) => revisionOf(x.etag) - revisionOf(y.etag))) Object.assign(expected, o.patch);
    const final = await call('GET', `/v1/orgs/${orgId}`);
    expect(revisionOf(final.etag)).toBe(first + applied.length);
    const { updatedAt: _u, ...finalSettings } = final.body;
    const { updatedAt: _e, ...expectedSettings } = expected;
    expect(finalSettings).toEqual(expectedSettings);
  }, 60_000);

  it('a budget change made while a mapping save waits on Salesforce is kept', async () => {
    // Every counted call takes 300 ms, so the mapping save's describe is still running when the PATCH lands.
    const { orgId } = await connectedOrg(stack.api, stack.sandbox, { spec: { latencyMs: 300 } });
    const mappings = [
      { crmField: 'lastName', salesforceField: 'LastName', conflict: 'recent' },
      { crmField: 'company', salesforceField: 'Company', conflict: 'recent' },
    ];
    const saving = call('PUT', `/v1/orgs/${orgId}/mappings/leads`, { mappings });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const patched = await call('PATCH', `/v1/orgs/${orgId}`, { dailyLimit: 500 });
    const saved = await saving;
    expect([patched.status, saved.status]).toEqual([200, 200]);
    expect((await call('GET', `/v1/orgs/${orgId}`)).body.dailyLimit).toBe(500);
    expect((await call('GET', `/v1/orgs/${orgId}/mappings/leads`)).body.mappings).toEqual(mappings);
  }, 30_000);

  it('two concurrent creates of one id: exactly one 201, the other 409', async () => {
    const id = uniqueOrgId('twice');
    const [one, two] = [stack.sandbox.control.createOrg({}), stack.sandbox.control.createOrg({})];
    const results = await Promise.all([one, two].map((sf) => call('POST', '/v1/orgs', { id, name: id, salesforce: sandboxCredentials(sf) })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body).toMatchObject({ code: 'CONFLICT' });
    // The org is the winner's, whole.
    const winner = results.find((r) => r.status === 201)!;
    expect((await call('GET', `/v1/orgs/${id}`)).body.salesforce).toEqual(winner.body.salesforce);
    expect((await call('POST', '/v1/orgs', { id, name: id })).status).toBe(409);
  }, 30_000);
});

describe('ETag and If-Match on /v1/orgs/{orgId}', () => {
  it('GET and PATCH answer an ETag; a PATCH with a stale If-Match is refused with 412 and changes nothing', async () => {
    const id = uniqueOrgId('etag');
    const created = await call('POST', '/v1/orgs', { id, name: id });
    expect(created.etag).toMatch(/^"[^"]+"$/);
    const got = await call('GET', `/v1/orgs/${id}`);
    expect(got.etag).toBe(created.etag);
    const changed = await call('PATCH', `/v1/orgs/${id}`, { dailyLimit: 700 }, { 'if-match': got.etag! });
    expect(changed.status).toBe(200);
    expect(changed.etag).not.toBe(got.etag);
    const stale = await call('PATCH', `/v1/orgs/${id}`, { dailyLimit: 800 }, { 'if-match': got.etag! });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED', status: 412 });
    expect((await call('GET', `/v1/orgs/${id}`)).body.dailyLimit).toBe(700);
    // Strong comparison: a weak tag never matches; `*` matches any current org; a list matches any member.
    expect((await call('PATCH', `/v1/orgs/${id}`, { dailyLimit: 800 }, { 'if-match': `W/${changed.etag}` })).status).toBe(412);
    expect((await call('PATCH', `/v1/orgs/${id}`, { dailyLimit: 800 }, { 'if-match': `"nope", ${changed.etag}` })).status).toBe(200);
    expect((await call('PATCH', `/v1/orgs/${id}`, { dailyLimit: 900 }, { 'if-match': '*' })).status).toBe(200);
  });

  it('an ETag of a deleted org never matches the re-created one', async () => {
    const id = uniqueOrgId('again');
    const first = await call('POST', '/v1/orgs', { id, name: id });
    expect((await call('DELETE', `/v1/orgs/${id}`)).status).toBe(204);
    const second = await call('POST', '/v1/orgs', { id, name: id });
    expect(second.status).toBe(201);
    expect(second.etag).not.toBe(first.etag);
    expect((await call('PATCH', `/v1/orgs/${id}`, { dailyLimit: 800 }, { 'if-match': first.etag! })).status).toBe(412);
  });
});
