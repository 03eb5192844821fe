/** Shadow root modes: open by default, closed on request (Salesforce lwc:external supports only closed roots). */
import type { Page } from '@playwright/test';
import type {} from '../src/index.ts';
import { GAUGE, PANEL, expect, test } from './fixtures.ts';
import { checklistAttention, usageOk } from './data.ts';

/** Roles and names in the page's accessibility tree, which includes content in closed shadow roots. */
async function axNodes(page: Page): Promise<{ role: string; name: string }[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { role?: { value?: string }; name?: { value?: string } }[] };
  await cdp.detach();
  return nodes.map((n) => ({ role: String(n.role?.value ?? ''), name: String(n.name?.value ?? '') }));
}

test('open by default: content is reachable through el.shadowRoot', async ({ page, api, show }) => {
  api.answer('usage', { body: usageOk() });
  await show(GAUGE);
  await expect(page.getByText('Within budget')).toBeVisible();
  expect(await page.locator('callbudget-gauge').evaluate((el) => el.shadowRoot?.querySelector('[role="meter"]') !== null)).toBe(true);
});

test('closed (data-shadow="closed"): renders, fires events, and keeps el.shadowRoot null', async ({ page, api, show, events, shoot }) => {
  api.answer('usage', { body: usageOk() });
  api.answer('checklist', { body: checklistAttention() });
  await show(PANEL, { shadow: 'closed' });
  await expect.poll(async () => (await events()).length).toBe(2);
  expect((await events()).map((e) => e.type)).toEqual(['callbudget-loaded', 'callbudget-loaded']);
  expect(await page.locator('callbudget-panel').evaluate((el) => el.shadowRoot)).toBeNull();
  // Playwright's selectors do not pierce closed roots either: the content is not reachable from outside.
  await expect(page.getByRole('meter')).toHaveCount(0);
  const box = await page.locator('callbudget-panel').boundingBox();
  expect(box!.height).toBeGreaterThan(300);
  // Rendered all the same: the browser's accessibility tree has the gauge and the checklist.
  await expect.poll(async () => (await axNodes(page)).some((n) => n.role === 'meter' && n.name === "Calls used of this integration's daily budget")).toBe(true);
  expect((await axNodes(page)).some((n) => n.role === 'button' && n.name === 'Refresh checklist')).toBe(true);
  await shoot('panel-closed-shadow');
});

test('closed through window.CALLBUDGET_SHADOW_MODE, or manual with defineCallbudgetElements()', async ({ page, api }) => {
  api.answer('usage', { body: usageOk() });
  await page.addInitScript(() => {
    window.CALLBUDGET_SHADOW_MODE = 'manual';
  });
  await page.goto('/test/page.html');
  expect(await page.evaluate(() => customElements.get('callbudget-gauge') === undefined)).toBe(true);
  const defined = await page.evaluate(async () => {
    // A URL the page serves, not a module TypeScript should resolve.
    const bundleUrl: string = '/widget/callbudget.js';
    const bundle = (await import(bundleUrl)) as { defineCallbudgetElements(o: { shadowMode: 'closed' }): string[] };
    return bundle.defineCallbudgetElements({ shadowMode: 'closed' });
  });
  expect(defined).toEqual(['callbudget-gauge', 'callbudget-checklist', 'callbudget-panel']);
  await page.evaluate((html) => (document.getElementById('host')!.innerHTML = html), GAUGE);
  await expect.poll(async () => (await axNodes(page)).some((n) => n.role === 'meter')).toBe(true);
  expect(await page.locator('callbudget-gauge').evaluate((el) => el.shadowRoot)).toBeNull();

  await page.addInitScript(() => {
    window.CALLBUDGET_SHADOW_MODE = 'closed';
  });
  await page.goto('/test/page.html');
  await page.evaluate((html) => (document.getElementById('host')!.innerHTML = html), GAUGE);
  await expect.poll(async () => (await axNodes(page)).some((n) => n.role === 'meter')).toBe(true);
  expect(await page.locator('callbudget-gauge').evaluate((el) => el.shadowRoot)).toBeNull();
});
