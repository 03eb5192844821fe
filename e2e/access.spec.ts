/** People the seed's access table leaves out see why, not a broken widget. */
import { expect, test } from '@playwright/test';
import { issueKey, newOrg, openPanel, screenshots } from './support.ts';

test('a salesperson sees that usage is for Administrators', async ({ page }) => {
  const org = await newOrg();
  const key = await issueKey(org.orgId, { kind: 'admin', role: 'salesperson' });
  await openPanel(page, org.orgId, key);
  await expect(page.getByText('Available to Administrators on Advanced and Ultimate plans.').first()).toBeVisible();
  await expect(page.getByRole('meter')).toHaveCount(0);
  await screenshots(page, 'access-role');
});

test('an administrator on the Essential plan sees that usage needs Advanced or Ultimate', async ({ page }) => {
  const org = await newOrg({ plan: 'essential' });
  await openPanel(page, org.orgId, org.adminKey);
  await expect(page.getByText('Available to Administrators on Advanced and Ultimate plans.').first()).toBeVisible();
  await expect(page.getByText(/Essential|essential/).first()).toBeVisible();
  await screenshots(page, 'access-plan');
});
