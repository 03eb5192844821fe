/**
 * `<mount>/services/*`: a Salesforce REST endpoint for any client (jsforce, the Salesforce CLI) given
 * the mount's instance URL (`<api>/v1/orgs/<orgId>/salesforce`, or `<api>` for the key's own org:
 * mounts.ts) and our API key as its access token: the data API (`/services/data`, `/services/data/vXX.X/…`, Bulk API 2.0 included) and
 * Apex REST (`/services/apexrest/…`); upstream-target.ts decides what is passed. Every request is
 * limited and counted like the sync. (Userinfo and the identity URL are served by identity-routes.ts.)
 * Bodies stream both ways: the client's upload goes to Salesforce as it arrives, Salesforce's answer
 * to the client as it arrives.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from '../errors.ts';
import { routeSchema } from '../http/contract.ts';
import { orgOf } from '../http/org-scope.ts';
import { sendProblem } from '../http/problem-handler.ts';
import type { RouteOptions } from '../http/route-options.ts';
import { FORWARD_METHODS, checkPriority, readForwardRequest, withBody, type ForwardRequest } from './forward-request.ts';
import { createPassthroughService } from './passthrough-service.ts';
import type { PassthroughMount } from './mounts.ts';
import { publicBase } from './public-base.ts';
import { sendingProblem } from './upstream-problems.ts';

declare module 'fastify' {
  interface FastifyRequest {
    passthrough?: ForwardRequest;
    /** Where this client reaches the org's passthrough: the target of rewritten Salesforce URLs. */
    passthroughBase?: string;
  }
}

/** Statuses that never carry a body. */
const BODILESS = new Set([204, 304]);

/** Aborted when the client goes away before its answer is complete: the request to Salesforce is then closed too. */
function clientGone(reply: FastifyReply): AbortSignal {
  const gone = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) gone.abort();
  });
  return gone.signal;
}

/** Register the passthrough under its mount's prefix, with its raw body parser and 405 handler. */
export const passthroughRoutes: FastifyPluginAsync<RouteOptions & { mount: PassthroughMount }> = async (app, { services, scoped, mount }) => {
  const service = createPassthroughService({ pool: services.pool });
  const clientName = services.config.salesforceClientName;
  const check = (request: FastifyRequest): ForwardRequest => readForwardRequest({ method: request.method, url: request.url, headers: request.headers }, clientName, mount.prefixSegments);

  await app.register(
    async (scope) => {
      // Bodies are forwarded byte for byte, malformed JSON included: Salesforce, not us, rejects it.
      // The parser hands on the raw stream: a 200 MB CSV goes up as it arrives, never held.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
      // Salesforce's answer broke off before its first byte reached the client: 502, as any unreachable Salesforce.
      scope.setErrorHandler((error, request, reply) => {
        const problem = sendingProblem(error);
        if (!problem) throw error;
        return sendProblem(reply, problem, request);
      });
      // Hostile URLs and headers are refused before authentication, body parsing or any call.
      scope.addHook('onRequest', async (request) => {
        request.passthrough = check(request);
        request.passthroughBase = publicBase(request, services.config.publicUrl);
      });
      // The route below takes every path under the prefix for the allowed methods: what lands here
      // is another method (405), or the prefix itself (404).
      scope.setNotFoundHandler(async (request) => {
        check(request);
        throw new Problem('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`);
      });
      const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
        const org = orgOf(request);
        const clientInstanceUrl = mount.instanceUrl(request.passthroughBase ?? publicBase(request, services.config.publicUrl), org.id);
        // The priority is checked before any of the body is read.
        const forward = await withBody(checkPriority(request.passthrough ?? check(request), request.principal!), request.body);
        const response = await service.forward(org, forward, clientInstanceUrl, clientGone(reply));
        reply.code(response.status).headers(response.headers);
        if (request.method !== 'HEAD' && !BODILESS.has(response.status)) return reply.send(response.body);
        response.body.resume();
        return reply.removeHeader('Content-Length').send();
      };
      for (const method of FORWARD_METHODS) {
        // Each method is its operation in the spec (passthroughGet, rootPassthroughGet, …; HEAD answers as GET); `{path}` is the router's wildcard.
        const operationId = mount.operationId(method === 'HEAD' ? 'Get' : method[0] + method.slice(1).toLowerCase());
        scope.route({ method, url: '/*', exposeHeadRoute: false, ...scoped('passthrough', mount.orgFrom), schema: routeSchema(operationId, { path: '*' }), handler });
      }
    },
    { prefix: `${mount.prefix}/services` },
  );
};
