/** A push to a pull-only relationship, or a pull from a push-only one, is a 409 that costs no call; so are other refusals. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OrgInfo } from '../support/sandbox.ts';
import { uniqueOrgId } from '../support/api.ts';
import { call, callsDuring, startWorld, testOrg, type SyncWorld } from './sync-world.ts';

let world: SyncWorld;
let orgId: string;
let sf: OrgInfo;

beforeAll(async () => {
  world = await startWorld(inject('redisUrl'));
  ({ orgId, sf } = await testOrg(world));
});
afterAll(() => world.close());

describe('wrong direction', () => {
  it.each(['accounts', 'opportunities'])('push to %s (pull only) → 409, 0 calls, even with a body that is not valid', async (relationship) => {
    for (const body of [{ operation: 'create', records: [{ name: 'x' }] }, { nonsense: true }]) {
      const { result, calls } = await callsDuring(world, sf, () => call(world, 'POST', `/v1/orgs/${orgId}/sync/${relationship}`, body));
      expect(result.status).toBe(409);
      expect(result.headers.get('content-type')).toContain('application/problem+json');
      expect(result.body).toMatchObject({ code: 'WRONG_DIRECTION', status: 409, relationship, direction: 'pull' });
      expect(calls).toBe(0);
    }
  });

  it.each(['lead-score', 'events'])('pull from %s (push only) → 409, 0 calls, even with a query that is not valid', async (relationship) => {
    for (const query of ['', "?since=' OR 1=1"]) {
      const { result, calls } = await callsDuring(world, sf, () => call(world, 'GET', `/v1/orgs/${orgId}/sync/${relationship}${query}`));
      expect(result.status).toBe(409);
      expect(result.body).toMatchObject({ code: 'WRONG_DIRECTION', relationship, direction: 'push' });
      expect(calls).toBe(0);
    }
  });

  it('the sandbox received nothing at all from these refusals', async () => {
    const before = world.sandbox.control.groundTruth(sf.orgId).total;
    await call(world, 'POST', `/v1/orgs/${orgId}/sync/accounts`, { operation: 'create', records: [{ name: 'x' }] });
    await call(world, 'GET', `/v1/orgs/${orgId}/sync/events`);
    expect(world.sandbox.control.groundTruth(sf.orgId).total).toBe(before);
  });
});

describe('unknown relationships and orgs', () => {
  it.each([
    ['POST', 'sync/widgets'],
    ['GET', 'sync/widgets'],
    ['GET', 'mappings/widgets'],
    ['PUT', 'mappings/widgets'],
  ])('%s %s → 404', async (method, path) => {
    const { result, calls } = await callsDuring(world, sf, () => call(world, method, `/v1/orgs/${orgId}/${path}`, method === 'GET' ? undefined : {}));
    expect(result.status).toBe(404);
    expect(result.body.code).toBe('NOT_FOUND');
    expect(calls).toBe(0);
  });

  it('an org that does not exist → 404; no key → 401', async () => {
    expect((await call(world, 'GET', '/v1/orgs/no-such-org/sync/leads')).status).toBe(404);
    const anonymous = await fetch(`${world.api.url}/v1/orgs/${orgId}/sync/leads`);
    expect(anonymous.status).toBe(401);
  });
});

describe('an org not connected to Salesforce', () => {
  it('an org without Salesforce credentials → 409 NOT_CONNECTED', async () => {
    const id = uniqueOrgId('bare');
    expect((await call(world, 'POST', '/v1/orgs', { id, name: 'Bare', plan: 'advanced' })).status).toBe(201);
    const pushed = await call(world, 'POST', `/v1/orgs/${id}/sync/leads`, { operation: 'create', records: [{ lastName: 'x', company: 'y' }] });
    expect(pushed.status).toBe(409);
    expect(pushed.body.code).toBe('NOT_CONNECTED');
    expect((await call(world, 'GET', `/v1/orgs/${id}/mappings/leads`)).body.code).toBe('NOT_CONNECTED');
  });
});
