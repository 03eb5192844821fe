/**
 * The demo page at `/`: the widget panel for one org. Nothing inline runs (CSP `script-src 'self'`):
 * the page loads /widget/callbudget.js and, for the form, /widget/demo.js; its one inline style
 * block is allowed by hash.
 */
import { createHash } from 'node:crypto';

const STYLE = `
  body { margin: 0; background: #f3f3f3; color: #181818;
    font: 0.8125rem/1.5 'Salesforce Sans', -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; }
  main { max-width: 72rem; margin: 0 auto; padding: 1rem; display: grid; gap: 1rem; }
  h1 { margin: 0; font-size: 1.25rem; }
  p { margin: 0; }
  form { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; background: #fff;
    border: 1px solid #c9c9c9; border-radius: 0.25rem; padding: 0.75rem; }
  label { display: grid; gap: 0.25rem; font-weight: 700; }
  input { font: inherit; min-height: 2rem; padding: 0 0.5rem; border: 1px solid #747474; border-radius: 0.25rem; min-width: 14rem; }
  button { font: inherit; min-height: 2rem; padding: 0 1rem; border: 0; border-radius: 0.25rem; background: #0176d3; color: #fff; cursor: pointer; }
  :focus-visible { outline: 2px solid #0176d3; outline-offset: 2px; }
`;

/** CSP hash of the one inline style block. */
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** The demo page's Content-Security-Policy when the app sets none of its own. */
export const DEMO_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  `style-src 'self' ${STYLE_HASH}`,
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface DemoPageOptions {
  /** When set, the panel is shown at once for `org` with this key. */
  token?: string;
  org: string;
}

/** The demo page's HTML. */
export function demoPage({ token, org }: DemoPageOptions): string {
  const body = token
    ? `<callbudget-panel api-base="" org="${escapeHtml(org)}" token="${escapeHtml(token)}"></callbudget-panel>`
    : `<form id="connect" aria-label="Show usage for an org">
      <label>Org id <input name="org" required autocomplete="off" spellcheck="false" value="${escapeHtml(org)}"></label>
      <label>API key <input name="key" type="password" required autocomplete="off"></label>
      <button type="submit">Show usage</button>
    </form>
    <div id="widget"></div>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>callbudget — Salesforce API calls</title>
  <style>${STYLE}</style>
  <script type="module" src="/widget/callbudget.js"></script>
  <script type="module" src="/widget/demo.js"></script>
</head>
<body>
  <main>
    <h1>callbudget</h1>
    <p>Where this integration's Salesforce API calls go, how many are left, and what to change to spend fewer.</p>
    ${body}
  </main>
</body>
</html>
`;
}

/**
 * The form's script: shows the panel for the org and key typed in. The key is set as a property,
 * never as an attribute, so it stays out of the DOM.
 */
export const DEMO_SCRIPT = `const form = document.getElementById('connect');
if (form) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    let panel = document.querySelector('callbudget-panel');
    if (!panel) {
      panel = document.createElement('callbudget-panel');
      document.getElementById('widget').append(panel);
    }
    panel.token = String(data.get('key') ?? '').trim();
    panel.org = String(data.get('org') ?? '').trim();
  });
}
`;
