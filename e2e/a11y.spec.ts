/** Keyboard use and axe checks on the real app, not a fixture. */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { newOrg, openPanel, pushLeads } from './support.ts';

test('the panel is usable by keyboard and has no serious accessibility violations', async ({ page }) => {
  const org = await newOrg();
  await pushLeads(org, 3);
  await openPanel(page, org.orgId, org.adminKey);
  const meter = page.getByRole('meter', { name: "Calls used of this integration's daily budget" });
  await expect(meter).toHaveAttribute('aria-valuenow', '4');

  await pushLeads(org, 1);
  const refresh = page.getByRole('button', { name: 'Refresh usage' });
  await refresh.focus();
  await expect(refresh).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(meter).toHaveAttribute('aria-valuenow', '5');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Refresh checklist' })).toBeFocused();

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
