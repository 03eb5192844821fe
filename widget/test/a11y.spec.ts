/** axe-core over every state of each element (several on one page, to run axe fewer times): no serious or critical violations. */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { PANEL, expect, test } from './fixtures.ts';
import { checklistAllOk, checklistAttention, problem, usageExhausted, usageNoData, usageOk, usageWarning } from './data.ts';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('#host').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

const forbidden = { status: 403, body: problem(403, 'FORBIDDEN_ROLE', 'Your role may not use this', 'Only Administrators may read the API usage.') };
const element = (tag: string, org: string) => `<${tag} org="${org}" token="k" refresh-interval="0"></${tag}>`;

test('accessibility: the gauge loading, ok, warning, exhausted, without data and refused', async ({ page, api, show }) => {
  api.answerFor('loading', 'usage', 'hang');
  api.answerFor('ok', 'usage', { body: usageOk() });
  api.answerFor('warning', 'usage', { body: usageWarning() });
  api.answerFor('exhausted', 'usage', { body: usageExhausted() });
  api.answerFor('empty', 'usage', { body: usageNoData() });
  api.answerFor('refused', 'usage', forbidden);
  await show(['loading', 'ok', 'warning', 'exhausted', 'empty', 'refused'].map((org) => element('callbudget-gauge', org)).join(''));
  for (const text of ['Loading usage…', 'Within budget', 'Nearing the limit', 'Calls used up', 'No calls yet', 'Your role may not use this']) {
    await expect(page.getByText(text).first()).toBeAttached();
  }
  expect(await seriousViolations(page)).toEqual([]);
});

test('accessibility: the checklist loading, all ok, with attention and refused', async ({ page, api, show }) => {
  api.answerFor('loading', 'checklist', 'hang');
  api.answerFor('ok', 'checklist', { body: checklistAllOk() });
  api.answerFor('attention', 'checklist', { body: checklistAttention() });
  api.answerFor('refused', 'checklist', forbidden);
  await show(['loading', 'ok', 'attention', 'refused'].map((org) => element('callbudget-checklist', org)).join(''));
  for (const text of ['Loading the checklist…', 'All checks pass', 'need attention', 'Your role may not use this']) {
    await expect(page.getByText(text).first()).toBeAttached();
  }
  expect(await seriousViolations(page)).toEqual([]);
});

test('accessibility: the panel', async ({ page, api, show }) => {
  api.answer('usage', { body: usageExhausted() });
  api.answer('checklist', { body: checklistAttention() });
  await show(PANEL);
  await expect(page.getByText('need attention')).toBeVisible();
  await expect(page.getByText('Calls used up')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
