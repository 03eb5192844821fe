/**
 * POST /errors/acknowledge: errors up to a moment are marked resolved (kept in the log, flagged),
 * the mark only moves forward, a future moment means now, the body is validated, and each
 * acknowledgement is in the audit log. Only administrators may do it.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, checklistOrg, errors, push, startWorld, type SyncWorld, type TestOrg } from '../checklist/support.ts';

let world: SyncWorld;
let org: TestOrg;

beforeAll(async () => {
  world = await startWorld(inject('redisUrl'));
  org = await checklistOrg(world);
});
afterAll(() => world.close());

const acknowledge = (body?: unknown) => call(world, 'POST', `/v1/orgs/${org.orgId}/errors/acknowledge`, body);
const failOne = (tag: string) => push(world, org, 'leads', { operation: 'create', records: [{ company: tag }] });

describe('acknowledging errors', () => {
  it('marks errors up to `before`, keeps them in the log, and audits who did it', async () => {
    await failOne('first');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await failOne('second');
    const answer = await acknowledge({ before: between });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ acknowledgedBefore: between, acknowledged: 1, open: 1 });
    const log = await errors(world, org);
    expect(log.body.total).toBe(2);
    expect(log.body.acknowledgedBefore).toBe(between);
    expect(log.body.errors.map((e: { acknowledged: boolean }) => e.acknowledged)).toEqual([false, true]);
    const audit = await call(world, 'GET', `/v1/orgs/${org.orgId}/audit`);
    expect(audit.body.entries[0]).toMatchObject({ actor: 'operator', action: 'errors.acknowledged', details: { before: between, acknowledged: 1 } });
  });

  it('never moves the mark back, and takes a future moment as now', async () => {
    const earlier = await acknowledge({ before: '2001-01-01T00:00:00Z' });
    expect(earlier.body.acknowledgedBefore).not.toBe('2001-01-01T00:00:00.000Z');
    expect(earlier.body.open).toBe(1);
    const sent = Date.now();
    const future = await acknowledge({ before: '2999-01-01T00:00:00Z' });
    expect(Date.parse(future.body.acknowledgedBefore)).toBeGreaterThanOrEqual(sent);
    expect(Date.parse(future.body.acknowledgedBefore)).toBeLessThanOrEqual(Date.now());
    expect(future.body).toMatchObject({ acknowledged: 2, open: 0 });
    // An error after the mark is open again.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await failOne('third');
    const log = await errors(world, org);
    expect(log.body.errors.map((e: { acknowledged: boolean }) => e.acknowledged)).toEqual([false, true, true]);
  });

  it('without a body, acknowledges everything up to now', async () => {
    const answer = await acknowledge();
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ acknowledged: 3, open: 0 });
  });

  it.each([
    [{ before: 'yesterday' }, 'body/before'],
    [{ before: 1700000000000 }, 'body/before'],
    [{ before: '2026-01-01T00:00:00Z', all: true }, 'body'],
  ])('junk body %j is a 400 naming %s', async (body, location) => {
    const answer = await acknowledge(body);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].location).toBe(location);
  });

  it('is refused to keys that may only read figures', async () => {
    const issued = await call(world, 'POST', `/v1/orgs/${org.orgId}/keys`, { kind: 'widget' });
    const answer = await fetch(`${world.api.url}/v1/orgs/${org.orgId}/errors/acknowledge`, { method: 'POST', headers: { authorization: `Bearer ${issued.body.secret}`, 'content-type': 'application/json' }, body: '{}' });
    expect(answer.status).toBe(403);
    expect(((await answer.json()) as { code: string }).code).toBe('FORBIDDEN_SCOPE');
  });
});
