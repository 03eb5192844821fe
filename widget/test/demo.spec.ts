/** The server's demo page: the real widget route and CSP, with the API answered by page.route(). */
import { expect, test } from './fixtures.ts';
import { DEMO_TOKEN } from './constants.ts';
import { checklistAllOk, usageOk } from './data.ts';

test('GET / shows the panel with the injected key, under a CSP that allows no inline script', async ({ page, api, shoot }) => {
  api.answer('usage', { body: usageOk() });
  api.answer('checklist', { body: checklistAllOk() });
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') violations.push(message.text());
  });
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByText('Within budget')).toBeVisible();
  await expect(page.getByText('All checks pass: nothing to change.')).toBeVisible();
  expect(api.requests.map((r) => [new URL(r.url).pathname, r.authorization]).sort()).toEqual([
    ['/v1/orgs/demo/checklist', `Bearer ${DEMO_TOKEN}`],
    ['/v1/orgs/demo/usage', `Bearer ${DEMO_TOKEN}`],
  ]);
  expect(violations).toEqual([]);
  await shoot('demo-page');
});

test('without a demo key the page asks for an org id and a key, and keeps the key out of the DOM', async ({ page, api }) => {
  api.answer('usage', { body: usageOk() });
  api.answer('checklist', { body: checklistAllOk() });
  await page.goto('/form/');
  await page.getByLabel('Org id').fill('acme');
  await page.getByLabel('API key').fill('cb_pasted_key');
  await page.getByRole('button', { name: 'Show usage' }).click();
  await expect(page.getByText('Within budget')).toBeVisible();
  expect(api.requests.every((r) => r.authorization === 'Bearer cb_pasted_key' && r.url.includes('/v1/orgs/acme/'))).toBe(true);
  expect(await page.content()).not.toContain('cb_pasted_key');
});
