/**
 * Idempotency-Key on pushes: duplicates sent at once make one job and reach Salesforce once, a retry
 * gets the first one's results, the same key with another body is a 422, and keys are per org.
 */
import { describe, expect, it } from 'vitest';
import { connectedOrg } from '../support/api.ts';
import { useStack } from '../support/stack.ts';
import { readAll } from '../sync/sync-world.ts';
import { leads, push, waitForJob } from './job-support.ts';

describe('Idempotency-Key', () => {
  const stack = useStack();
  const composites = (orgId: string): number => stack.sandbox.control.groundTruth(orgId).calls.filter((c) => c.path.includes('/composite/sobjects')).length;

  it('five concurrent duplicates (async) make one job; Salesforce gets the records once', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    const body = { operation: 'create', records: leads(250, 'Twice') };
    const answers = await Promise.all(Array.from({ length: 5 }, () => push(stack.api, orgId, body, { prefer: 'respond-async', 'idempotency-key': 'order-4711' })));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const job = await waitForJob(stack.api, orgId, answers[0]!.body.id);
    expect(job.state).toBe('done');
    // And a retry after it ended: the same job, nothing sent again.
    const retry = await push(stack.api, orgId, body, { prefer: 'respond-async', 'idempotency-key': 'order-4711' });
    expect(retry.body).toMatchObject({ id: job.id, state: 'done' });
    expect(composites(sf.orgId)).toBe(2);
    expect(await readAll(sf, "SELECT Id FROM Lead WHERE Company = 'Deferred'")).toHaveLength(250);
  });

  it('without Prefer, concurrent duplicates all get the same results (200) and one write', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    const body = { operation: 'create', records: leads(3, 'Sync') };
    const answers = await Promise.all(Array.from({ length: 4 }, () => push(stack.api, orgId, body, { 'idempotency-key': 'sync-1' })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const ids = answers.map((a) => a.body.results.map((r: any) => r.id).join());
    expect(new Set(ids).size).toBe(1);
    expect(answers[0]!.body.results.every((r: any) => r.outcome === 'created')).toBe(true);
    expect(composites(sf.orgId)).toBe(1);
  });

  it('the same key with another body is a 422; the same key in another org is another request', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    const other = await connectedOrg(stack.api, stack.sandbox);
    expect((await push(stack.api, orgId, { operation: 'create', records: leads(1, 'First') }, { 'idempotency-key': 'k-1' })).status).toBe(200);
    const reused = await push(stack.api, orgId, { operation: 'create', records: leads(1, 'Second') }, { 'idempotency-key': 'k-1' });
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toContain('application/problem+json');
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // The same request spelled in another key order is the same request.
    expect((await push(stack.api, orgId, { records: [{ company: 'Deferred', lastName: 'First 0' }], operation: 'create' }, { 'idempotency-key': 'k-1' })).status).toBe(200);
    expect(composites(sf.orgId)).toBe(1);
    expect((await push(stack.api, other.orgId, { operation: 'create', records: leads(1, 'Second') }, { 'idempotency-key': 'k-1' })).status).toBe(200);
    expect(composites(other.sf.orgId)).toBe(1);
  });

  it('a malformed key is a 400 before anything is sent', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    for (const key of ['x'.repeat(256), 'with space', 'ünïcode']) {
      const answer = await push(stack.api, orgId, { operation: 'create', records: leads(1, 'Bad key') }, { 'idempotency-key': key });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
    }
    expect(composites(sf.orgId)).toBe(0);
  });
});
