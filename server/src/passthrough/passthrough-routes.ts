/**
 * /v1/orgs/:orgId/salesforce/services/*: a Salesforce REST endpoint for any client (jsforce, the
 * Salesforce CLI) given `instanceUrl = <api>/v1/orgs/<orgId>/salesforce` and our API key as its
 * access token: the data API (`/services/data`, `/services/data/vXX.X/…`, Bulk API 2.0 included) and
 * Apex REST (`/services/apexrest/…`); upstream-target.ts decides what is passed. Every request is
 * limited and counted like the sync. (Userinfo and the identity URL are served by identity-routes.ts.)
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from '../errors.ts';
import { routeSchema } from '../http/contract.ts';
import { orgOf } from '../http/org-scope.ts';
import type { RouteOptions } from '../http/route-options.ts';
import { FORWARD_METHODS, checkPriority, readForwardRequest, withBody, type ForwardRequest } from './forward-request.ts';
import { createPassthroughService } from './passthrough-service.ts';
import { passthroughInstanceUrl, publicBase } from './public-base.ts';

declare module 'fastify' {
  interface FastifyRequest {
    passthrough?: ForwardRequest;
    /** Where this client reaches the org's passthrough: the target of rewritten Salesforce URLs. */
    passthroughBase?: string;
  }
}

const PREFIX = '/v1/orgs/:orgId/salesforce/services';

/** Register the passthrough under its own prefix, with its raw body parser and 405 handler. */
export const passthroughRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services, scoped }) => {
  const service = createPassthroughService({ pool: services.pool });
  const clientName = services.config.salesforceClientName;
  const check = (request: FastifyRequest): ForwardRequest => readForwardRequest({ method: request.method, url: request.url, headers: request.headers }, clientName);

  await app.register(
    async (scope) => {
      // Bodies are forwarded byte for byte, malformed JSON included: Salesforce, not us, rejects it.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
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
        const clientInstanceUrl = passthroughInstanceUrl(request.passthroughBase ?? publicBase(request, services.config.publicUrl), org.id);
        const forward = checkPriority(withBody(request.passthrough ?? check(request), request.body), request.principal!);
        const response = await service.forward(org, forward, clientInstanceUrl);
        reply.code(response.status).headers(response.headers);
        return response.body.length > 0 && request.method !== 'HEAD' ? reply.send(response.body) : reply.send();
      };
      for (const method of FORWARD_METHODS) {
        // Each method is its operation in the spec (passthroughGet, …; HEAD answers as GET); `{path}` is the router's wildcard.
        const operationId = `passthrough${method === 'HEAD' ? 'Get' : method[0] + method.slice(1).toLowerCase()}`;
        scope.route({ method, url: '/*', exposeHeadRoute: false, ...scoped('passthrough'), schema: routeSchema(operationId, { path: '*' }), handler });
      }
    },
    { prefix: PREFIX },
  );
};
