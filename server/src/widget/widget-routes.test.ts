import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installProblemHandlers } from '../http/problem-handler.ts';
import { widgetRoutes, type WidgetRoutesOptions } from './widget-routes.ts';

const BUNDLE = 'export const x = 1;\n';

async function appWith(options: WidgetRoutesOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  installProblemHandlers(app);
  await app.register(widgetRoutes, options);
  return app;
}

describe('widget routes', () => {
  let dist: string;
  let empty: string;
  beforeAll(() => {
    dist = mkdtempSync(path.join(tmpdir(), 'callbudget-widget-'));
    empty = mkdtempSync(path.join(tmpdir(), 'callbudget-widget-empty-'));
    writeFileSync(path.join(dist, 'callbudget.js'), BUNDLE);
  });
  afterAll(() => {
    rmSync(dist, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  it('serves the bundle as JavaScript with cache headers, and 304 on a matching ETag', async () => {
    const app = await appWith({ distDir: dist });
    const res = await app.inject({ method: 'GET', url: '/widget/callbudget.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toContain('max-age=');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.body).toBe(BUNDLE);
    const again = await app.inject({ method: 'GET', url: '/widget/callbudget.js', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    await app.close();
  });

  it('answers 404 problem+json while the widget is not built', async () => {
    const app = await appWith({ distDir: empty });
    const res = await app.inject({ method: 'GET', url: '/widget/callbudget.js' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', detail: expect.stringContaining('build:widget') });
    await app.close();
  });

  it('serves the demo page with the injected token, no inline script and a strict CSP', async () => {
    const app = await appWith({ distDir: dist, demoToken: 'cb_"demo"<key>' });
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.body).toContain('<callbudget-panel api-base="" org="demo" token="cb_&#34;demo&#34;&#60;key&#62;">');
    expect(res.body).toContain('<script type="module" src="/widget/callbudget.js"></script>');
    // Every script is loaded from a URL: none has a body.
    expect(res.body.match(/<script[^>]*>([^<]*)<\/script>/g)?.every((tag) => /><\/script>$/.test(tag))).toBe(true);
    expect(res.body).not.toContain('<form');
    await app.close();
  });

  it("keeps the app's own CSP when one is already set", async () => {
    const app = Fastify({ logger: false });
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('content-security-policy', "default-src 'self'; frame-ancestors 'self'");
    });
    await app.register(widgetRoutes, { distDir: dist });
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.headers['content-security-policy']).toBe("default-src 'self'; frame-ancestors 'self'");
    await app.close();
  });

  it('asks for an org id and a key when no demo token is given', async () => {
    const app = await appWith({ distDir: dist });
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.body).toContain('<form id="connect"');
    expect(page.body).not.toContain('<callbudget-panel');
    const script = await app.inject({ method: 'GET', url: '/widget/demo.js' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain("document.createElement('callbudget-panel')");
    await app.close();
  });
});
