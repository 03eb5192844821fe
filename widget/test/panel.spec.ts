/** <callbudget-panel>: both figures from one set of attributes. */
import type { CallbudgetPanel } from '../src/index.ts';
import { PANEL, expect, test } from './fixtures.ts';
import { checklistAttention, usageExhausted, usageOk } from './data.ts';

test.describe('callbudget-panel', () => {
  test('passes its attributes down and shows the gauge and the checklist', async ({ page, api, show, shoot, events }) => {
    api.answer('usage', { body: usageOk() });
    api.answer('checklist', { body: checklistAttention() });
    await show(PANEL);
    await expect(page.getByRole('meter', { name: /daily budget/ })).toHaveAttribute('aria-valuenow', '4200');
    await expect(page.locator('callbudget-checklist [part~="item"]')).toHaveCount(5);
    expect(api.requests.map((r) => [new URL(r.url).pathname, r.authorization]).sort()).toEqual([
      ['/v1/orgs/acme/checklist', 'Bearer cb_widget_key'],
      ['/v1/orgs/acme/usage', 'Bearer cb_widget_key'],
    ]);
    const seen = await events();
    expect(seen.map((e) => e.type)).toEqual(['callbudget-loaded', 'callbudget-loaded']);
    // Composed events cross the panel's shadow root and are retargeted to the panel.
    expect(seen.every((e) => e.tag === 'callbudget-panel')).toBe(true);
    await shoot('panel-ok');
  });

  test('changing org on the panel refetches both figures for the new org', async ({ page, api, show }) => {
    api.answer('usage', { body: usageOk() });
    api.answer('checklist', { body: checklistAttention() });
    await show(PANEL);
    await expect(page.locator('callbudget-checklist [part~="item"]')).toHaveCount(5);
    await page.locator('callbudget-panel').evaluate((el) => el.setAttribute('org', 'globex'));
    await expect.poll(() => api.requests.filter((r) => r.url.includes('/globex/')).length).toBe(2);
  });

  test('exhausted, at phone and desktop widths', async ({ page, api, show, shoot }) => {
    api.answer('usage', { body: usageExhausted() });
    api.answer('checklist', { body: checklistAttention() });
    await show(PANEL);
    await expect(page.getByText('The sync is paused: no API calls are left.')).toBeVisible();
    await shoot('panel-exhausted');
  });

  test('refresh() on the panel refetches both', async ({ page, api, show }) => {
    api.answer('usage', { body: usageOk() });
    api.answer('checklist', { body: checklistAttention() });
    await show(PANEL);
    await expect(page.locator('callbudget-checklist [part~="item"]')).toHaveCount(5);
    await page.locator('callbudget-panel').evaluate((el) => (el as CallbudgetPanel).refresh());
    expect(api.requests).toHaveLength(4);
  });
});
