/** Keyboard: the refresh button is the first stop, and Enter fetches again. */
import { GAUGE, expect, test } from './fixtures.ts';
import { usageOk, usageWarning } from './data.ts';

test('Tab reaches the refresh button and Enter triggers a refetch', async ({ page, api, show }) => {
  api.answer('usage', { body: usageOk() }, { body: usageWarning() });
  await show(GAUGE);
  await expect(page.getByText('Within budget')).toBeVisible();
  await page.keyboard.press('Tab');
  const refresh = page.getByRole('button', { name: 'Refresh usage' });
  await expect(refresh).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Nearing the limit')).toBeVisible();
  expect(api.requests).toHaveLength(2);
  await expect(refresh).toBeFocused();
});
