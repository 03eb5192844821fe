/** <callbudget-checklist>: the five checks, all passing or some needing attention, and its other states. */
import { CHECKLIST, expect, test } from './fixtures.ts';
import { actionOf, checklistAllOk, checklistAttention, figureLabel, problem } from './data.ts';

test.describe('callbudget-checklist', () => {
  test('shows a loading state until the checklist arrives', async ({ page, api, show, shoot }) => {
    api.answer('checklist', 'hang');
    await show(CHECKLIST);
    await expect(page.getByRole('status').filter({ hasText: 'Loading the checklist…' })).toBeAttached();
    await shoot('checklist-loading');
    await api.release({ body: checklistAllOk() });
    await expect(page.getByRole('listitem')).toHaveCount(5);
  });

  test('all ok: five passing checks, nothing to change', async ({ page, api, show, shoot, events }) => {
    api.answer('checklist', { body: checklistAllOk() });
    await show(CHECKLIST);
    await expect(page.getByText('All checks pass: nothing to change.')).toBeVisible();
    const items = page.getByRole('listitem');
    await expect(items).toHaveCount(5);
    await expect(page.locator('callbudget-checklist [part~="item-status"]')).toHaveText(Array(5).fill('OK'));
    await expect(page.locator('callbudget-checklist [part~="item-figure"]').last()).toHaveText(`${figureLabel('other-integrations')}: 12%`);
    await expect(page.locator('callbudget-checklist [part~="item-savings"]')).toHaveCount(0);
    // Passing checks are collapsed; their action is one Enter away.
    await expect(page.getByText(actionOf('unused-fields'))).toBeHidden();
    const [loaded] = await events();
    expect(loaded).toMatchObject({ type: 'callbudget-loaded', tag: 'callbudget-checklist', detail: { estimatedDailySavings: 0 } });
    expect(api.requests[0]).toMatchObject({ figure: 'checklist', authorization: 'Bearer cb_widget_key' });
    await shoot('checklist-all-ok');
  });

  test('some attention: status, figure, savings and action of each item', async ({ page, api, show, shoot }) => {
    api.answer('checklist', { body: checklistAttention() });
    await show(CHECKLIST);
    await expect(page.locator('callbudget-checklist [part="summary"]')).toHaveText('2 of 5 need attention. Acting on them could save about 1,200 calls a day.');
    const errorLog = page.locator('callbudget-checklist [data-id="error-log"]');
    await expect(errorLog.locator('[part="item-status"]')).toHaveText('Needs attention');
    await expect(errorLog.locator('[part="item-title"]')).toHaveText('Resolve errors in the Salesforce error log');
    await expect(errorLog.locator('[part="item-figure"]')).toHaveText(`${figureLabel('error-log')}: 42 errors`);
    await expect(errorLog.locator('[part="item-savings"]')).toHaveText('Saves about 840 calls/day');
    await expect(errorLog.locator('[part="item-action"]')).toBeVisible();
    await expect(page.locator('callbudget-checklist [data-id="unused-fields"] [part="item-figure"]')).toHaveText(`${figureLabel('unused-fields')}: 1 field`);
    await expect(page.getByText(actionOf('unused-fields'))).toBeVisible();
    await expect(page.locator('callbudget-checklist [part~="item-attention"]')).toHaveCount(2);
    await shoot('checklist-attention');
  });

  test('items are keyboard reachable and open with Enter', async ({ page, api, show }) => {
    api.answer('checklist', { body: checklistAllOk() });
    await show(CHECKLIST);
    await expect(page.getByRole('listitem')).toHaveCount(5);
    await page.keyboard.press('Tab'); // the refresh button
    await expect(page.getByRole('button', { name: 'Refresh checklist' })).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab'); // the second item's summary
    await expect(page.getByText(actionOf('unused-fields'))).toBeHidden();
    await page.keyboard.press('Enter');
    await expect(page.getByText(actionOf('unused-fields'))).toBeVisible();
  });

  test('403: shows the problem and who may see the checklist', async ({ page, api, show, shoot, events }) => {
    api.answer('checklist', { status: 403, body: problem(403, 'FORBIDDEN_PLAN', 'Your plan does not include this', 'The checklist is part of the Advanced and Ultimate plans.') });
    await show(CHECKLIST);
    await expect(page.getByRole('alert')).toContainText('Your plan does not include this');
    await expect(page.getByRole('alert')).toContainText('Available to Administrators on Advanced and Ultimate plans.');
    expect((await events())[0]).toMatchObject({ type: 'callbudget-error', tag: 'callbudget-checklist', detail: { status: 403, code: 'FORBIDDEN_PLAN' } });
    await shoot('checklist-error-403');
  });

  test('an answer that is not problem+json still reads as an error', async ({ page, show }) => {
    await page.route(/\/v1\/orgs\/[^/]+\/checklist$/, (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }));
    await show(CHECKLIST);
    await expect(page.getByRole('alert')).toContainText('Try again in a minute.');
  });
});
