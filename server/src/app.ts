/** Builds the callbudget API as a Fastify instance; it never listens (main.ts does). */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Services } from './services.ts';
import { createAuthenticator, type Authenticator } from './access/authenticate.ts';
import { orgScope } from './http/org-scope.ts';
import { resolveWidgetSession } from './access/widget-sessions.ts';
import type { RouteOptions } from './http/route-options.ts';
import type { Capability } from './access/capabilities.ts';
import { clientErrorHandler, installProblemHandlers, sendProblem } from './http/problem-handler.ts';
import { Problem } from './errors.ts';
import { withRequestId } from './request-scope.ts';
import { serverTimeouts } from './http/server-timeouts.ts';
import { trustProxyOption } from './http/trust-proxy.ts';
import { openapiPlugin } from './http/openapi.ts';
import { contractValidatorCompiler } from './http/contract-validation.ts';
import { securityHeaders } from './http/security-headers.ts';
import { healthRoutes } from './http/health-routes.ts';
import { orgRoutes } from './orgs/org-routes.ts';
import { metricsRoutes } from './metrics/metrics-routes.ts';
import { keyRoutes } from './access/key-routes.ts';
import { syncRoutes } from './sync/sync-routes.ts';
import { jobRoutes } from './jobs/job-routes.ts';
import { mappingRoutes } from './sync/mapping-routes.ts';
import { passthroughRoutes } from './passthrough/passthrough-routes.ts';
import { identityRoutes } from './passthrough/identity-routes.ts';
import { PASSTHROUGH_MOUNTS } from './passthrough/mounts.ts';
import { usageRoutes } from './usage/usage-routes.ts';
import { notificationRoutes } from './notifications/notification-routes.ts';
import { webhookRoutes } from './webhooks/webhook-routes.ts';
import { widgetRoutes } from './widget/widget-routes.ts';
import { errorRoutes } from './usage/error-routes.ts';
import { checklistRoutes } from './checklist/checklist-routes.ts';

/** A registered route and the capability it requires, if it is under an org. */
export interface RouteLogEntry {
  method: string;
  url: string;
  capability?: Capability;
  /** The schemas the route was given (from openapi.yaml). */
  schema?: unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeLog: RouteLogEntry[];
  }
}

export interface AppDeps {
  services: Services;
  /** A widget key the demo page at / hands to the widget (embedded mode). */
  demoToken?: string;
  /** Defaults to the operator key from config. */
  auth?: Authenticator;
  /** Where log lines go (default stdout); tests capture them to check that no secret is logged. */
  logStream?: NodeJS.WritableStream;
}

/** Largest request body we accept: 200 records of a wide object fit well inside it. */
export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/** Assemble the app with its routes and handlers. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps.services;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers["x-sandbox-key"]'], ...(deps.logStream ? { stream: deps.logStream } : {}) },
    bodyLimit: BODY_LIMIT_BYTES,
    // `//services/data/…` is routed like `/services/data/…`: Salesforce reads runs of slashes as one, and
    // the Salesforce CLI, keeping its instance URL with a trailing slash, sends them.
    routerOptions: { ignoreDuplicateSlashes: true },
    trustProxy: trustProxyOption(config.trustProxy),
    ...serverTimeouts(config.timeouts),
    // Bytes Node's HTTP parser refuses answer problem+json too, and are never logged raw.
    clientErrorHandler,
    // A URL the router cannot decode is bad input like any other: problem+json, not Fastify's own body.
    frameworkErrors: (error, request, reply) => {
      // send() returns the reply itself (a thenable), not work to wait for.
      void sendProblem(reply, new Problem('VALIDATION_FAILED', error.message), request);
    },
  });
  // Requests are validated against the schemas each route takes from openapi.yaml.
  app.setValidatorCompiler(contractValidatorCompiler);
  // Every route registered, for the OpenAPI drift test and the access matrix.
  const routeLog: RouteLogEntry[] = [];
  app.decorate('routeLog', routeLog);
  app.addHook('onRoute', (route) => {
    const capability = route.config?.capability;
    for (const method of [route.method].flat()) routeLog.push({ method, url: route.url, ...(capability ? { capability } : {}), ...(route.schema ? { schema: route.schema } : {}) });
  });
  installProblemHandlers(app);
  // Background work a request starts is logged with its id; the handler and its hooks run in this scope.
  app.addHook('preHandler', (request, _reply, done) => withRequestId(request.id, done));
  deps.services.attachLogger(app.log);
  await app.register(securityHeaders, { orgs: deps.services.orgs });
  await app.register(openapiPlugin);
  await app.register(healthRoutes, { ready: () => deps.services.ready() });
  const { services } = deps;
  const auth =
    deps.auth ??
    createAuthenticator({
      operatorKey: config.adminKey,
      resolveKey: async (secret) => (secret.startsWith('cbw_') ? resolveWidgetSession(services, secret) : services.apiKeys.resolve(secret)),
      failures: services.authFailures,
    });
  const scopeDeps = { auth, orgs: services.orgs, audit: services.audit };
  const options: RouteOptions = { services, auth, scoped: (capability, orgFrom) => ({ onRequest: orgScope(scopeDeps, capability, orgFrom), config: { capability } }) };
  await app.register(metricsRoutes, options);
  await app.register(orgRoutes, options);
  await app.register(keyRoutes, options);
  await app.register(syncRoutes, options);
  await app.register(jobRoutes, options);
  await app.register(mappingRoutes, options);
  // The passthrough for Salesforce clients, at /v1/orgs/:orgId/salesforce and at the root (the key's own org).
  for (const mount of PASSTHROUGH_MOUNTS) {
    await app.register(passthroughRoutes, { ...options, mount });
    await app.register(identityRoutes, { ...options, mount });
  }
  await app.register(usageRoutes, options);
  await app.register(notificationRoutes, options);
  await app.register(webhookRoutes, options);
  await app.register(widgetRoutes, deps.demoToken ? { demoToken: deps.demoToken } : {});
  await app.register(errorRoutes, options);
  await app.register(checklistRoutes, options);
  return app;
}
