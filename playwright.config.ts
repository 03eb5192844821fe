/**
 * Browser tests in Debian's Chromium (/usr/bin/chromium; never a download): the widget's component
 * tests against fixtures, and the end-to-end journeys against Redis + sandbox org + API.
 */
import { defineConfig } from '@playwright/test';

const widgetPort = Number(process.env.WIDGET_TEST_PORT ?? 47317);
const apiPort = Number(process.env.E2E_API_PORT ?? 47318);

const chromium = {
  browserName: 'chromium' as const,
  headless: true,
  locale: 'en-GB',
  timezoneId: 'UTC',
  viewport: { width: 1280, height: 1000 },
  screenshot: 'only-on-failure' as const,
  trace: 'off' as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  },
};

export default defineConfig({
  outputDir: './test-results/artifacts',
  globalTeardown: './e2e/contract-teardown.ts',
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 30_000,
  expect: { timeout: 7_500 },
  reporter: [['list']],
  projects: [
    { name: 'widget', testDir: './widget/test', testMatch: '*.spec.ts', fullyParallel: true, timeout: 15_000, use: { ...chromium, baseURL: `http://127.0.0.1:${widgetPort}` } },
    { name: 'e2e', testDir: './e2e', testMatch: '*.spec.ts', use: { ...chromium, baseURL: `http://127.0.0.1:${apiPort}` } },
  ],
  webServer: [
    {
      command: 'node --import tsx widget/test/serve.ts',
      url: `http://127.0.0.1:${widgetPort}/test/ready`,
      env: { WIDGET_TEST_PORT: String(widgetPort) },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: 'node --import tsx e2e/stack.ts',
      url: `http://127.0.0.1:${apiPort}/healthz`,
      env: { E2E_API_PORT: String(apiPort) },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
