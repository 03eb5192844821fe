/**
 * Playwright fixtures for the widget: `api` answers the widget's API calls with page.route() and
 * records them; `show` opens the test page and puts markup in it; `shoot` saves the 360 px and
 * 1280 px screenshots of a state.
 */
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Route } from '@playwright/test';
import { problem } from './data.ts';

export { expect };

type Figure = 'usage' | 'checklist';
/** One answer: a JSON body with its status, or 'hang' to leave the request pending until released. */
export type Answer = { status?: number; body: unknown; headers?: Record<string, string> } | 'hang';

export interface SeenRequest {
  figure: Figure;
  url: string;
  authorization: string | undefined;
}

export interface ApiMock {
  /** Queue answers for a figure; the last one repeats. */
  answer(figure: Figure, ...answers: Answer[]): void;
  /** Queue answers for one org's figure, ahead of those for every org. */
  answerFor(org: string, figure: Figure, ...answers: Answer[]): void;
  /** Every API request the page made, in order. */
  readonly requests: SeenRequest[];
  /** Answer the requests left hanging. */
  release(answer: Exclude<Answer, 'hang'>): Promise<void>;
}

export interface CapturedEvent {
  type: string;
  tag: string;
  detail: unknown;
}

export interface ShowOptions {
  shadow?: 'open' | 'closed' | 'manual';
}

const SCREENSHOTS = fileURLToPath(new URL('../test-results/screenshots/', import.meta.url));

async function fulfil(route: Route, answer: Exclude<Answer, 'hang'>): Promise<void> {
  const status = answer.status ?? 200;
  await route.fulfill({
    status,
    contentType: status >= 400 ? 'application/problem+json' : 'application/json',
    headers: { 'access-control-allow-origin': '*', ...answer.headers },
    body: JSON.stringify(answer.body),
  });
}

export const test = base.extend<{
  api: ApiMock;
  show: (markup: string, options?: ShowOptions) => Promise<void>;
  shoot: (name: string) => Promise<void>;
  events: () => Promise<CapturedEvent[]>;
}>({
  api: async ({ page }, use) => {
    const queues = new Map<string, Answer[]>();
    const queue = (key: string): Answer[] => {
      const existing = queues.get(key);
      if (existing) return existing;
      const created: Answer[] = [];
      queues.set(key, created);
      return created;
    };
    const requests: SeenRequest[] = [];
    const held: Route[] = [];
    await page.route(/\/v1\/orgs\/[^/]+\/(usage|checklist)$/, async (route) => {
      const request = route.request();
      const [, org, figure] = /\/v1\/orgs\/([^/]+)\/(usage|checklist)$/.exec(new URL(request.url()).pathname) as unknown as [string, string, Figure];
      requests.push({ figure, url: request.url(), authorization: request.headers().authorization });
      const own = queue(`${decodeURIComponent(org)}/${figure}`);
      const answers = own.length > 0 ? own : queue(figure);
      const next = answers.length > 1 ? answers.shift() : answers[0];
      if (next === 'hang') return void held.push(route);
      await fulfil(route, next ?? { status: 404, body: problem(404, 'NOT_FOUND', 'Not found', `No ${figure} answer queued`) });
    });
    await use({
      answer: (figure, ...answers) => void queue(figure).push(...answers),
      answerFor: (org, figure, ...answers) => void queue(`${org}/${figure}`).push(...answers),
      requests,
      release: async (answer) => {
        for (const route of held.splice(0)) await fulfil(route, answer);
      },
    });
  },

  show: async ({ page }, use) => {
    await use(async (markup, options = {}) => {
      await page.goto(`/test/page.html?shadow=${options.shadow ?? 'open'}`);
      if (options.shadow !== 'manual') await page.evaluate(() => customElements.whenDefined('callbudget-panel'));
      await page.evaluate((html) => {
        const seen: CapturedEvent[] = [];
        (window as unknown as { callbudgetEvents: CapturedEvent[] }).callbudgetEvents = seen;
        for (const type of ['callbudget-loaded', 'callbudget-error'] as const) {
          document.addEventListener(type, (event) => seen.push({ type, tag: (event.target as Element).localName, detail: (event as CustomEvent).detail }));
        }
        document.getElementById('host')!.innerHTML = html;
      }, markup);
    });
  },

  events: async ({ page }, use) => {
    await use(() => page.evaluate(() => (window as unknown as { callbudgetEvents: CapturedEvent[] }).callbudgetEvents));
  },

  shoot: async ({ page }, use) => {
    await use(async (name) => {
      const initial = page.viewportSize();
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({ path: `${SCREENSHOTS}${name}-${width}.png`, fullPage: true, animations: 'disabled' });
      }
      if (initial) await page.setViewportSize(initial);
    });
  },
});

/** The markup of a gauge for org "acme" with a key. */
export const GAUGE = '<callbudget-gauge org="acme" token="cb_widget_key" refresh-interval="0"></callbudget-gauge>';
export const CHECKLIST = '<callbudget-checklist org="acme" token="cb_widget_key" refresh-interval="0"></callbudget-checklist>';
export const PANEL = '<callbudget-panel org="acme" token="cb_widget_key" refresh-interval="0"></callbudget-panel>';
