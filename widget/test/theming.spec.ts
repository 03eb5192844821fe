/** Theming from the host page: custom properties and ::part(). */
import { GAUGE, PANEL, expect, test } from './fixtures.ts';
import { checklistAttention, usageOk } from './data.ts';

test('a --callbudget-* custom property on an ancestor changes a computed colour', async ({ page, api, show }) => {
  api.answer('usage', { body: usageOk() });
  await show(GAUGE);
  const fill = page.locator('callbudget-gauge [part="meter-fill"]');
  await expect(fill).toHaveCSS('background-color', 'rgb(46, 132, 74)');
  await page.addStyleTag({ content: 'body { --callbudget-color-ok: rgb(1, 2, 3); }' });
  await expect(fill).toHaveCSS('background-color', 'rgb(1, 2, 3)');
});

test('::part() styles inner pieces, through the panel with prefixed names', async ({ page, api, show }) => {
  api.answer('usage', { body: usageOk() });
  api.answer('checklist', { body: checklistAttention() });
  await show(PANEL);
  await page.addStyleTag({
    content: 'callbudget-panel::part(gauge-title) { color: rgb(200, 0, 100); } callbudget-panel::part(checklist-item-attention) { border-left-color: rgb(9, 9, 9); }',
  });
  await expect(page.getByRole('heading', { name: 'Salesforce API calls' })).toHaveCSS('color', 'rgb(200, 0, 100)');
  await expect(page.locator('callbudget-checklist [part~="item-attention"]').first()).toHaveCSS('border-left-color', 'rgb(9, 9, 9)');
});
