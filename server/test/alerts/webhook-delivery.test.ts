/**
 * Acceptance (issue 12): a real receiver gets signed alerts driven by real sync calls through the
 * sandbox org. It checks the signature with the README's recipe (and refuses a tampered body), gets
 * the retry after answering 500, and the quiet interval holds: a second crossing inside it sends
 * nothing, one after it sends. The limiter and the sandbox share a manual clock, moved by the test.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/sandbox.ts';
import { connectedOrg } from '../support/api.ts';
import { useStack } from '../support/stack.ts';
import { startReceiver, type Received, type Receiver } from './receiver.ts';
import { call, notifications, pushUntil } from './client.ts';

/** The verification recipe of README "Verifying webhooks", written out as a receiver would. */
function verified(secret: string, received: Received, nowSeconds: number): boolean {
  const header = String(received.headers['callbudget-signature'] ?? '');
  const fields = Object.fromEntries(header.split(',').map((kv) => kv.split('=')));
  const t = Number(fields.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > 300 || !/^[0-9a-f]{64}$/.test(fields.v1 ?? '')) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${received.body}`).digest();
  return timingSafeEqual(expected, Buffer.from(fields.v1, 'hex'));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('webhooks', () => {
  const clock = new ManualClock();
  let receiver: Receiver;
  const stack = useStack({
    sandbox: { clock },
    api: {
      env: { WEBHOOK_ALLOWED_HOSTS: 'http://127.0.0.1:*' },
      services: { limiterTiming: { pinnedNow: () => clock.now() }, webhooks: { retry: { baseDelayMs: 50, attempts: 4 }, queuePrefix: `test-${randomUUID()}` } },
    },
  });
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  it('signs each delivery, retries after a 500, keeps quiet within the interval and speaks after it', async () => {
    // A budget of 10: warn at 80 % = the 8th call; bulk stops at 8, sync at 9.
    const { orgId } = await connectedOrg(stack.api, stack.sandbox, { dailyLimit: 10, deferWhenLimited: false });
    expect((await call(stack.api, 'PATCH', `/v1/orgs/${orgId}`, { alerts: { quietMinutes: { 'threshold-crossed': 120 } } })).status).toBe(200);
    const json = await call(stack.api, 'POST', `/v1/orgs/${orgId}/webhooks`, { url: `${receiver.url}/json`, events: ['threshold-crossed'] });
    expect(json.status).toBe(201);
    const secret = json.body.secret as string;
    expect(secret).toMatch(/^whsec_/);
    const slack = await call(stack.api, 'POST', `/v1/orgs/${orgId}/webhooks`, { url: `${receiver.url}/slack`, events: ['threshold-crossed'], format: 'slack' });
    const gone = await call(stack.api, 'POST', `/v1/orgs/${orgId}/webhooks`, { url: `${receiver.url}/gone`, events: ['threshold-crossed'] });
    receiver.answer('/json', 500);
    receiver.answer('/gone', 410);

    // 6 calls now (the credentials check, a describe, pushes); 23 hours later 1 more (7), then the crossing call (8).
    expect(await pushUntil(stack.api, orgId, 6)).toBe(6);
    clock.advance(23 * HOUR);
    expect(await pushUntil(stack.api, orgId, 7)).toBe(7);
    expect((await notifications(stack.api, orgId)).filter((n) => n.kind === 'threshold-crossed')).toHaveLength(0);
    expect(await pushUntil(stack.api, orgId, 8)).toBe(8);

    // The 500 is retried: the same delivery, the same bytes, signed again.
    const [first, second] = await receiver.waitFor('/json', 2);
    const now = Math.floor(Date.now() / 1000);
    expect(first!.headers['callbudget-delivery']).toBe(second!.headers['callbudget-delivery']);
    expect([first!.headers['callbudget-attempt'], second!.headers['callbudget-attempt']]).toEqual(['1', '2']);
    expect(second!.body).toBe(first!.body);
    expect(verified(secret, first!, now)).toBe(true);
    expect(verified(secret, second!, now)).toBe(true);
    // A tampered body, or another endpoint's secret, fails the same recipe.
    expect(verified(secret, { ...second!, body: second!.body.replace('"threshold-crossed"', '"budget-exhausted"') }, now)).toBe(false);
    expect(verified(slack.body.secret as string, second!, now)).toBe(false);
    expect(verified(secret, second!, now + 3600)).toBe(false);
    const event = JSON.parse(second!.body) as { type: string; orgId: string; notification: { code: string; details: Record<string, unknown> } };
    expect(event).toMatchObject({ type: 'threshold-crossed', orgId, notification: { code: 'BUDGET_80_PERCENT', details: { percent: 80, used: 8, budget: 10 } } });

    const [slackMessage] = await receiver.waitFor('/slack', 1);
    expect(Object.keys(JSON.parse(slackMessage!.body) as object)).toEqual(['text']);
    expect(JSON.parse(slackMessage!.body).text).toContain('80 % of the daily API budget is used');
    // A 410 is final: one attempt, logged as failed, never retried.
    await receiver.waitFor('/gone', 1);
    // The log is written once the answer is in.
    await stack.api.services.webhooks.queue.idle();
    const goneLog = await call(stack.api, 'GET', `/v1/orgs/${orgId}/webhooks/${gone.body.id as string}/deliveries`);
    expect(goneLog.body.deliveries).toMatchObject([{ attempt: 1, status: 410, outcome: 'failed' }]);
    const jsonLog = await call(stack.api, 'GET', `/v1/orgs/${orgId}/webhooks/${json.body.id as string}/deliveries`);
    expect(jsonLog.body.deliveries).toMatchObject([
      { attempt: 2, status: 200, outcome: 'delivered', event: 'threshold-crossed' },
      { attempt: 1, status: 500, outcome: 'retrying' },
    ]);

    // 24 h after the first calls they leave the window (8 → 2); 6 more cross 80 % again, 62 min after
    // the first crossing: inside the 120-minute quiet interval, so nothing is recorded or sent.
    clock.advance(HOUR + 2 * MINUTE);
    expect(await pushUntil(stack.api, orgId, 0)).toBe(2);
    expect(await pushUntil(stack.api, orgId, 8)).toBe(8);
    expect((await notifications(stack.api, orgId)).filter((n) => n.kind === 'threshold-crossed')).toHaveLength(1);

    // Once the 23 h calls leave too (8 → 6), two more cross again, well after the interval: sent.
    clock.advance(23 * HOUR);
    expect(await pushUntil(stack.api, orgId, 0)).toBe(6);
    expect(await pushUntil(stack.api, orgId, 8)).toBe(8);
    expect((await notifications(stack.api, orgId)).filter((n) => n.kind === 'threshold-crossed')).toHaveLength(2);
    const all = await receiver.waitFor('/json', 3);
    expect(verified(secret, all[2]!, Math.floor(Date.now() / 1000))).toBe(true);
    expect(all[2]!.headers['callbudget-delivery']).not.toBe(first!.headers['callbudget-delivery']);
    // Exactly the deliveries of two crossings reached the JSON endpoint (one retried), none of the quiet one.
    expect(new Set(receiver.received.filter((r) => r.path === '/json').map((r) => r.headers['callbudget-delivery'])).size).toBe(2);
  }, 60_000);
});
