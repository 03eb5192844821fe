/** <callbudget-gauge>: every state a person can see, and what the page is told. */
import { GAUGE, expect, test } from './fixtures.ts';
import { problem, usageExhausted, usageNoData, usageOk, usageWarning } from './data.ts';

test.describe('callbudget-gauge', () => {
  test('shows a loading state until the usage arrives', async ({ page, api, show, shoot }) => {
    api.answer('usage', 'hang');
    await show(GAUGE);
    await expect(page.getByRole('status').filter({ hasText: 'Loading usage…' })).toBeAttached();
    await expect(page.getByRole('button', { name: 'Refresh usage' })).toHaveAttribute('aria-busy', 'true');
    await shoot('gauge-loading');
    await api.release({ body: usageOk() });
    await expect(page.getByRole('meter', { name: "Calls used of this integration's daily budget" })).toBeVisible();
    await expect(page.getByText('Loading usage…')).toHaveCount(0);
  });

  test('ok: used vs budget vs org limit, release, forecast, hours and relationships', async ({ page, api, show, shoot, events }) => {
    api.answer('usage', { body: usageOk() });
    await show(GAUGE);
    const meter = page.getByRole('meter', { name: "Calls used of this integration's daily budget" });
    await expect(meter).toHaveAttribute('aria-valuenow', '4200');
    await expect(meter).toHaveAttribute('aria-valuemax', '15000');
    await expect(meter).toHaveAttribute('aria-valuetext', '4,200 of 15,000 calls (28%)');
    await expect(page.getByText('Within budget')).toBeVisible();
    const org = page.getByRole('meter', { name: 'Org-wide API requests in the last 24 hours' });
    await expect(org).toHaveAttribute('aria-valuetext', /52,300 of 100,000 requests \(52%\); 10,000 kept in reserve/);
    await expect(page.getByText('Reserve (10%) 10,000')).toBeVisible();
    await expect(page.locator('callbudget-gauge [part="release"]')).toHaveText('14:05 (in 2 h 5 min)');
    await expect(page.locator('callbudget-gauge [part="forecast"]')).toContainText('not within 24 h');
    await expect(page.getByRole('img', { name: /Calls per hour over the last 24 hours: 4,400 in total, peak 540 at Mon 22:00/ })).toBeVisible();
    const rows = page.getByRole('table', { name: 'Calls by relationship, last 24 h' }).getByRole('row');
    await expect(rows).toHaveCount(5);
    await expect(rows.nth(1).locator('th, td')).toHaveText(['Leads', 'Push to Salesforce', '1,900']);
    await expect(rows.nth(3)).toContainText('Lead score');
    await expect(page.locator('callbudget-gauge')).toHaveAttribute('state', 'ok');
    const [loaded] = await events();
    expect(loaded).toMatchObject({ type: 'callbudget-loaded', tag: 'callbudget-gauge', detail: { used: 4200, state: 'ok' } });
    expect(api.requests[0]).toMatchObject({ figure: 'usage', authorization: 'Bearer cb_widget_key' });
    expect(new URL(api.requests[0]!.url).pathname).toBe('/v1/orgs/acme/usage');
    await shoot('gauge-ok');
  });

  test('warning: says the limit is near and when the budget runs out', async ({ page, api, show, shoot }) => {
    api.answer('usage', { body: usageWarning() });
    await show(GAUGE);
    await expect(page.getByText('Nearing the limit')).toBeVisible();
    await expect(page.locator('callbudget-gauge [part="forecast"]')).toHaveText('at 18:30 (in 6 h 30 min) at the current 800 calls/h');
    await expect(page.locator('callbudget-gauge')).toHaveAttribute('state', 'warning');
    await shoot('gauge-warning');
  });

  test('exhausted: a clear message with the exact time calls come back', async ({ page, api, show, shoot }) => {
    api.answer('usage', { body: usageExhausted() });
    await show(GAUGE);
    const message = page.locator('callbudget-gauge [part="exhausted-message"]');
    await expect(message).toContainText('The sync is paused: no API calls are left.');
    await expect(message).toContainText('This integration has used 13,500 of its 15,000 daily calls.');
    await expect(message).toContainText('Calls come back at 14:05 (in 2 h 5 min), when the oldest calls leave the 24-hour window; the sync resumes then.');
    await expect(message.locator('time')).toHaveAttribute('datetime', '2026-03-10T14:05:00.000Z');
    await expect(page.getByText('Calls used up')).toBeVisible();
    await expect(page.getByText('320 calls held back by the budget')).toBeVisible();
    await shoot('gauge-exhausted');
  });

  test('exhausted by Salesforce: waits for the later of our release and its refusal', async ({ page, api, show }) => {
    const report = usageExhausted({ used: 9_000, remaining: 6_000 });
    report.org = { ...report.org!, exhaustedUntil: '2026-03-10T15:30:00.000Z' };
    api.answer('usage', { body: report });
    await show(GAUGE);
    const message = page.locator('callbudget-gauge [part="exhausted-message"]');
    await expect(message).toContainText("Salesforce reports the org's daily API limit reached.");
    await expect(message).toContainText('Calls come back at 15:30 (in 3 h 30 min)');
  });

  test('no data: a fresh org says so instead of drawing empty charts', async ({ page, api, show, shoot }) => {
    api.answer('usage', { body: usageNoData() });
    await show(GAUGE);
    await expect(page.getByText('No calls yet')).toBeVisible();
    await expect(page.getByRole('meter', { name: "Calls used of this integration's daily budget" })).toHaveAttribute('aria-valuenow', '0');
    await expect(page.getByRole('meter', { name: /Org-wide/ })).toHaveCount(0);
    await expect(page.getByRole('table')).toHaveCount(0);
    await shoot('gauge-no-data');
  });

  for (const [code, title, detail] of [
    ['FORBIDDEN_PLAN', 'Your plan does not include this', 'Salesforce sync usage is part of the Advanced and Ultimate plans.'],
    ['FORBIDDEN_ROLE', 'Your role may not use this', 'Only Administrators may read the API usage.'],
  ] as const) {
    test(`403 ${code}: shows the problem's title and detail, and who may see it`, async ({ page, api, show, shoot, events }) => {
      api.answer('usage', { status: 403, body: problem(403, code, title, detail) });
      await show(GAUGE);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(title);
      await expect(alert).toContainText(detail);
      await expect(alert).toContainText('Available to Administrators on Advanced and Ultimate plans.');
      await expect(page.getByRole('meter')).toHaveCount(0);
      expect(await events()).toEqual([{ type: 'callbudget-error', tag: 'callbudget-gauge', detail: { status: 403, code, title, detail } }]);
      await shoot(`gauge-error-403-${code.toLowerCase()}`);
    });
  }

  test('401: asks for a valid key', async ({ page, api, show, shoot, events }) => {
    api.answer('usage', { status: 401, body: problem(401, 'UNAUTHENTICATED', 'A valid API key is required', 'The key is unknown or revoked.') });
    await show(GAUGE);
    await expect(page.getByRole('alert')).toContainText('A valid API key is required');
    await expect(page.getByRole('alert')).toContainText('Check the key given to the widget');
    expect((await events())[0]).toMatchObject({ type: 'callbudget-error', detail: { status: 401, code: 'UNAUTHENTICATED' } });
    await shoot('gauge-error-401');
  });

  test('a failed refresh keeps the last figures and says so', async ({ page, api, show }) => {
    api.answer('usage', { body: usageOk() }, { status: 503, body: problem(503, 'NOT_READY', 'A dependency is not reachable', 'The limiter store did not answer.') });
    await show(GAUGE);
    await expect(page.getByText('Within budget')).toBeVisible();
    await page.getByRole('button', { name: 'Refresh usage' }).click();
    await expect(page.getByRole('alert')).toContainText('Could not refresh: A dependency is not reachable');
    await expect(page.getByRole('meter', { name: /daily budget/ })).toHaveAttribute('aria-valuenow', '4200');
  });

  test('without an org it asks for one and fetches nothing', async ({ page, api, show }) => {
    await show('<callbudget-gauge></callbudget-gauge>');
    await expect(page.getByText('Set the org attribute to show usage.')).toBeVisible();
    expect(api.requests).toEqual([]);
  });

  test('api-base points the fetch at another origin', async ({ page, api, show }) => {
    api.answer('usage', { body: usageOk() });
    await show('<callbudget-gauge api-base="https://api.callbudget.test/" org="a b" token="k" refresh-interval="0"></callbudget-gauge>');
    await expect(page.getByText('Within budget')).toBeVisible();
    expect(api.requests[0]!.url).toBe('https://api.callbudget.test/v1/orgs/a%20b/usage');
  });

  test('refreshes on its interval', async ({ page, api, show }) => {
    await page.clock.install({ time: new Date('2026-03-10T12:00:00Z') });
    api.answer('usage', { body: usageOk() }, { body: usageWarning() });
    await show('<callbudget-gauge org="acme" token="k" refresh-interval="30"></callbudget-gauge>');
    await expect(page.getByText('Within budget')).toBeVisible();
    await page.clock.runFor(31_000);
    await expect(page.getByText('Nearing the limit')).toBeVisible();
    expect(api.requests).toHaveLength(2);
  });
});
