/**
 * The CRM embeds the widget in an iframe on its own origin: the module loads from our API
 * cross-origin, and its calls pass CORS because the org's allow-list names that origin.
 */
import { createServer, type Server } from 'node:http';
import { expect, test } from '@playwright/test';
import { newOrg, screenshots, stack } from './support.ts';

let host: Server;
let hostOrigin = '';

test.beforeAll(async () => {
  // A foreign origin: the CRM's settings page with an iframe, and the framed page with the widget.
  host = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const api = stack().apiUrl;
    const html =
      url.pathname === '/frame.html'
        ? `<!doctype html><html lang="en"><head><title>Widget frame</title><script type="module" src="${api}/widget/callbudget.js"></script></head>
         <body><callbudget-panel id="panel" api-base="${api}" org="${url.searchParams.get('org')}"></callbudget-panel>
         <script type="module">document.getElementById('panel').token = new URLSearchParams(location.search).get('token');</script></body></html>`
        : `<!doctype html><html lang="en"><head><title>CRM settings</title></head><body><h1>CRM · Salesforce settings</h1>
         <iframe title="Salesforce API usage" src="/frame.html${url.search}" width="1200" height="900"></iframe></body></html>`;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const address = host.address();
  hostOrigin = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => host.close(resolve));
});

test('the widget works in an iframe on a foreign origin allowed by CORS', async ({ page }) => {
  const org = await newOrg({ corsOrigins: [hostOrigin] });
  await page.goto(`${hostOrigin}/settings.html?org=${org.orgId}&token=${encodeURIComponent(org.adminKey)}`);
  const frame = page.frameLocator('iframe[title="Salesforce API usage"]');
  await expect(frame.getByRole('meter', { name: "Calls used of this integration's daily budget" })).toHaveAttribute('aria-valuenow', '1');
  await expect(frame.getByText('Resolve errors in the Salesforce error log')).toBeVisible();
  await screenshots(page, 'iframe-foreign-origin');
});

test('an origin not on the allow-list is refused by the browser', async ({ page }) => {
  const org = await newOrg({ corsOrigins: ['https://crm.example.com'] });
  await page.goto(`${hostOrigin}/settings.html?org=${org.orgId}&token=${encodeURIComponent(org.adminKey)}`);
  const frame = page.frameLocator('iframe[title="Salesforce API usage"]');
  await expect(frame.getByRole('meter')).toHaveCount(0);
  await expect(frame.getByText('The callbudget API could not be reached').first()).toBeVisible();
  await expect(frame.getByText('allows this page in its CORS settings').first()).toBeVisible();
});
