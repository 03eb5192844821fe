/**
 * The sandbox org as a Fastify app that never listens: Salesforce's login and data API for the
 * orgs it holds, plus the `/_sandbox` control API. `start.ts` listens; tests may also `inject()`.
 */
import { createServer } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyRequest } from 'fastify';
import { systemClock } from './clock.ts';
import { SF_JSON } from './errors.ts';
import { noteRequest, trackCalls } from './platform/call-tracking.ts';
import { apexRestScope } from './platform/apex-rest-routes.ts';
import { createControl, type SandboxControl } from './platform/control.ts';
import { controlRoutes } from './platform/control-routes.ts';
import { dataScope } from './platform/data-scope.ts';
import { versionsList } from './platform/discovery.ts';
import { frameworkErrors, installErrorHandling } from './platform/http-errors.ts';
import { oauthRoutes } from './platform/oauth-routes.ts';
import { createSandboxState } from './platform/sandbox-state.ts';
import { collapseSlashes } from './platform/url-shape.ts';
import type { Clock, CreateOrgData, SandboxRequestContext } from './types.ts';

/** Largest request body accepted; larger ones get 413 (Salesforce's own cap is far above what tests send). */
export const SANDBOX_BODY_LIMIT = 6 * 1024 * 1024;

/** What buildSandboxApp needs: the data part is injected so the platform does not depend on it. */
export interface SandboxAppOptions {
  /** @default systemClock */
  clock?: Clock;
  /** When set, `/_sandbox` requires header `x-sandbox-key` with this value. */
  controlKey?: string;
  createOrgData: CreateOrgData;
  /** Registered inside /services/data/:version, after the gate has set `request.sandbox`. */
  dataRoutes: FastifyPluginAsync;
  /** The URL clients reach this server at (instance_url, login URL, identity URLs). @default the request's Host */
  publicUrl?: () => string;
  /** @default false (no per-request logging, which would dominate the cost of a call) */
  logger?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The programmatic control API of this sandbox (same operations as `/_sandbox`). */
    sandboxControl: SandboxControl;
  }
}

/** Build the sandbox app (not listening). */
export function buildSandboxApp(options: SandboxAppOptions): FastifyInstance {
  const clock = options.clock ?? systemClock;
  const state = createSandboxState({ clock, createOrgData: options.createOrgData });
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: SANDBOX_BODY_LIMIT,
    forceCloseConnections: true,
    // External id values in upsert URLs can be long (an email is up to 80 characters, a text id 255).
    routerOptions: { maxParamLength: 1000 },
    frameworkErrors,
    // Note each request before Fastify routes it, so the ground truth also has the ones it rejects while routing.
    serverFactory: (handler) =>
      createServer((req, res) => {
        // Routed (and recorded in the ground truth) as Salesforce reads it: `//x//y` is `/x/y`.
        if (req.url !== undefined) req.url = collapseSlashes(req.url);
        noteRequest(state, req, res);
        handler(req, res);
      }),
  });
  const baseUrl = (request: FastifyRequest): string => options.publicUrl?.() ?? `${request.protocol}://${request.host}`;
  const control = createControl(state, () => options.publicUrl?.() ?? 'http://localhost');

  app.decorate('sandboxControl', control);
  app.decorateRequest('sandbox', null as unknown as SandboxRequestContext);
  installErrorHandling(app);
  trackCalls(app, state);
  // Stop hang faults and latency waits at once, so close() never waits for them.
  app.addHook('onClose', async () => state.timers.cancelAll());

  // The versions list is the one data API resource that needs no session and is not counted.
  const versions = JSON.stringify(versionsList());
  app.get('/services/data', async (_request, reply) => reply.type(SF_JSON).send(versions));
  app.get('/services/data/', async (_request, reply) => reply.type(SF_JSON).send(versions));

  app.register(oauthRoutes, { state, baseUrl });
  app.register(dataScope, { prefix: '/services/data/:version', state, dataRoutes: options.dataRoutes, baseUrl, root: app });
  app.register(apexRestScope, { prefix: '/services/apexrest', state, baseUrl, root: app });
  app.register(controlRoutes, { prefix: '/_sandbox', control, controlKey: options.controlKey, baseUrl });
  return app;
}
