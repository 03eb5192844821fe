/** Failing records show up as an error item on the checklist; resolving them clears it. */
import { expect, test } from '@playwright/test';
import { api, newOrg, openPanel, pushLeads, screenshots } from './support.ts';

test('the error item needs attention after failing records and clears once they are resolved', async ({ page }) => {
  const org = await newOrg();
  // Salesforce refuses a lead without a last name (REQUIRED_FIELD_MISSING).
  await pushLeads(org, 2, (i) => ({ company: `No name ${i}` }));
  await openPanel(page, org.orgId, org.adminKey);
  const item = page.getByRole('listitem').filter({ hasText: 'Resolve errors in the Salesforce error log' });
  await expect(item).toContainText('Needs attention');
  await expect(item).toContainText('2 errors');
  await screenshots(page, 'checklist-errors');

  // The admin fixes the mapping and the records, then marks the log as resolved.
  expect(await pushLeads(org, 2, (i) => ({ lastName: `Fixed ${i}`, company: 'Acme' }))).toEqual([200, 200]);
  await api(`/v1/orgs/${org.orgId}/errors/acknowledge`, { method: 'POST', key: org.adminKey, body: { before: new Date().toISOString() } });
  await page.getByRole('button', { name: 'Refresh checklist' }).click();
  await expect(item).toContainText('OK');
  await expect(item).toContainText('0 errors');
  await screenshots(page, 'checklist-resolved');
});
