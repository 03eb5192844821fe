/**
 * The component tests' web server: the real widget routes (bundle, demo page) plus a blank test page
 * that loads the bundle, open or closed (`/test/page.html?shadow=closed`). API calls never reach it:
 * each test answers them with page.route().
 */
import Fastify from 'fastify';
import { installProblemHandlers } from '../../server/src/http/problem-handler.ts';
import { widgetRoutes } from '../../server/src/widget/widget-routes.ts';
import { DEMO_TOKEN } from './constants.ts';

const port = Number(process.env.WIDGET_TEST_PORT ?? 47317);

function testPage(shadow: string | undefined): string {
  const attribute = shadow === 'closed' || shadow === 'manual' ? ` data-shadow="${shadow}"` : '';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>callbudget widget test</title>
  <script type="module" src="/widget/callbudget.js"${attribute}></script>
</head>
<body>
  <main id="host"></main>
</body>
</html>`;
}

const app = Fastify({ logger: false });
installProblemHandlers(app);
await app.register(widgetRoutes, { demoToken: DEMO_TOKEN });
await app.register(widgetRoutes, { prefix: '/form' });
app.get<{ Querystring: { shadow?: string } }>('/test/page.html', async (request, reply) => reply.type('text/html; charset=utf-8').send(testPage(request.query.shadow)));
app.get('/test/ready', async () => ({ ok: true }));
await app.listen({ port, host: '127.0.0.1' });

const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
