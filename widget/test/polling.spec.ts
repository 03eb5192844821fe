/**
 * How the widget polls when the API says no (issue 9, point 4): a refused key (401/403) stops the
 * automatic refresh and says what to do, so a stale tab cannot keep failing against the office's
 * address; a 503 or 429 makes it wait twice as long each time, capped, until a success.
 * The page's clock is paused and moved by hand, so the waits are exact.
 */
import type { Page } from '@playwright/test';
import { expect, test, type ApiMock } from './fixtures.ts';
import { problem, usageOk } from './data.ts';

const START = new Date('2026-03-10T12:00:00Z').getTime();
const INTERVAL_S = 5;
const gauge = `<callbudget-gauge org="acme" token="revoked" refresh-interval="${INTERVAL_S}"></callbudget-gauge>`;
const unavailable = { status: 503, body: problem(503, 'NOT_READY', 'A dependency is not reachable', 'The limiter store did not answer.') };

/** Pause the page's clock before it loads, so timers fire only when the test moves time. */
async function pauseClock(page: Page): Promise<void> {
  await page.clock.install({ time: START });
  await page.clock.pauseAt(START + 1000);
}

/** Move the paused clock forward and let any fetch it started finish. */
async function advance(page: Page, seconds: number): Promise<void> {
  await page.clock.runFor(seconds * 1000);
  await expect(page.locator('callbudget-gauge').locator('section[part="base"]')).toHaveAttribute('aria-busy', 'false');
}

/** Check that requests come exactly at `expected` (s after the first): none a second before each, one a second after. */
async function expectRequestsAt(page: Page, api: ApiMock, expected: number[]): Promise<void> {
  let now = 0;
  for (const [index, at] of expected.entries()) {
    if (index === 0) continue;
    await advance(page, at - 1 - now);
    expect(api.requests, `no request before ${at} s`).toHaveLength(index);
    await advance(page, 2);
    await expect.poll(() => api.requests.length, { message: `request ${index + 1} at ${at} s` }).toBe(index + 1);
    now = at + 1;
  }
}

test.describe('polling when the API refuses or fails', () => {
  for (const [status, code, title] of [
    [401, 'UNAUTHENTICATED', 'A valid API key is required'],
    [403, 'FORBIDDEN_ROLE', 'Your role may not use this'],
  ] as const) {
    test(`after a ${status} it makes no further request and says what to do`, async ({ page, api, show }) => {
      await pauseClock(page);
      api.answer('usage', { status, body: problem(status, code, title, 'The key is unknown or revoked.') });
      await show(gauge);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(title);
      if (status === 401) await expect(alert).toContainText('Ask a callbudget administrator for a new widget key.');
      await expect(alert).toContainText('Automatic refresh has stopped.');
      // An hour of a 5 s interval would be 720 requests.
      for (let minute = 0; minute < 60; minute += 10) await advance(page, 600);
      expect(api.requests).toHaveLength(1);

      // A new key is a fresh start.
      api.answerFor('acme', 'usage', { body: usageOk() });
      await page.locator('callbudget-gauge').evaluate((el) => ((el as HTMLElement & { token: string }).token = 'fresh'));
      await expect(page.getByText('Within budget')).toBeVisible();
      expect(api.requests.map((r) => r.authorization)).toEqual([`Bearer revoked`, 'Bearer fresh']);
      await advance(page, INTERVAL_S + 1);
      expect(api.requests).toHaveLength(3);
    });
  }

  test('backs off on 503, doubling up to 15 minutes, and returns to the interval after a success', async ({ page, api, show }) => {
    await pauseClock(page);
    api.answer('usage', unavailable);
    await show(gauge);
    await expect(page.getByRole('alert')).toContainText('A dependency is not reachable');
    // 5 s interval: waits of 10, 20, 40, 80, 160, 320, 640 s, then the 900 s cap.
    await expectRequestsAt(page, api, [0, 10, 30, 70, 150, 310, 630, 1270, 2170, 3070]);
    expect(api.requests).toHaveLength(10);

    api.answerFor('acme', 'usage', { body: usageOk() });
    await advance(page, 900);
    await expect(page.getByText('Within budget')).toBeVisible();
    expect(api.requests).toHaveLength(11);
    await advance(page, INTERVAL_S + 1);
    expect(api.requests).toHaveLength(12);
  });

  test('waits at least what a 429 Retry-After asks', async ({ page, api, show }) => {
    await pauseClock(page);
    api.answer('usage', { status: 429, headers: { 'retry-after': '120' }, body: problem(429, 'AUTH_RATE_LIMITED', 'Too many invalid API keys', 'Try again later.') });
    await show(gauge);
    await expect(page.getByRole('alert')).toContainText('Too many invalid API keys');
    await expectRequestsAt(page, api, [0, 120, 240]);
  });
});
