/**
 * Serves the admin widget: the built bundle at GET /widget/callbudget.js, the demo page's script at
 * GET /widget/demo.js, and the demo page at GET /. Register with
 * `app.register(widgetRoutes, { demoToken })`.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from '../errors.ts';
import { sendProblem } from '../http/problem-handler.ts';
import { DEMO_PAGE_CSP, DEMO_SCRIPT, demoPage } from './demo-page.ts';

/** Where `npm run build:widget` writes the bundle. */
export const WIDGET_DIST_DIR = fileURLToPath(new URL('../../../widget/dist/', import.meta.url));

export interface WidgetRoutesOptions {
  /** A key the demo page hands to the widget; without it the page asks for an org id and a key. */
  demoToken?: string;
  /** The org the demo page shows; default 'demo' (the embedded demo org). */
  demoOrg?: string;
  /** Folder holding callbudget.js; default WIDGET_DIST_DIR. */
  distDir?: string;
}

const JS = 'text/javascript; charset=utf-8';
// Not fingerprinted, so cached briefly and revalidated by ETag rather than kept immutable.
const SCRIPT_CACHE = 'public, max-age=300, must-revalidate';

export const widgetRoutes: FastifyPluginAsync<WidgetRoutesOptions> = async (app, options) => {
  const bundlePath = path.join(options.distDir ?? WIDGET_DIST_DIR, 'callbudget.js');
  const page = demoPage({ token: options.demoToken, org: options.demoOrg ?? 'demo' });
  const demoScriptTag = `"${createHash('sha256').update(DEMO_SCRIPT).digest('base64url').slice(0, 16)}"`;

  app.get('/widget/callbudget.js', async (request, reply) => {
    const info = await stat(bundlePath).catch(() => null);
    if (!info?.isFile()) {
      return sendProblem(reply, new Problem('NOT_FOUND', 'The widget is not built: run `npm run build:widget`.'), request);
    }
    const etag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
    // Module scripts load in CORS mode: CRM and Visualforce pages on other origins may load it (no credentials).
    scriptHeaders(reply, etag).header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin');
    if (notModified(request, etag)) return reply.code(304).send();
    return reply.send(await readFile(bundlePath));
  });

  app.get('/widget/demo.js', async (request, reply) => {
    scriptHeaders(reply, demoScriptTag);
    if (notModified(request, demoScriptTag)) return reply.code(304).send();
    return reply.send(DEMO_SCRIPT);
  });

  app.get('/', async (_request, reply) => {
    // The app's own policy (security headers, set on request) wins: it knows who may frame the page.
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', DEMO_PAGE_CSP);
    return (
      reply
        .type('text/html; charset=utf-8')
        // The page may carry a key: never stored, never sent on as a referrer.
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .header('x-content-type-options', 'nosniff')
        .send(page)
    );
  });
};

function scriptHeaders(reply: FastifyReply, etag: string): FastifyReply {
  return reply.type(JS).header('cache-control', SCRIPT_CACHE).header('etag', etag).header('x-content-type-options', 'nosniff');
}

function notModified(request: FastifyRequest, etag: string): boolean {
  const match = request.headers['if-none-match'];
  return typeof match === 'string' && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
