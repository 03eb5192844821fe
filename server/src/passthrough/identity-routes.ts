/**
 * The identity URL (`<mount>/id/:sfOrgId/:userId`) and OpenID Connect userinfo
 * (`<mount>/services/oauth2/userinfo`) of an org, served by callbudget from the org's cached
 * identity: jsforce's `identity()` and the Salesforce CLI then never call Salesforce with our key.
 * Mounted with the passthrough (mounts.ts): under /v1/orgs/:orgId/salesforce and at the root.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from '../errors.ts';
import { routeSchema } from '../http/contract.ts';
import { orgOf } from '../http/org-scope.ts';
import type { RouteOptions } from '../http/route-options.ts';
import { createIdentityService, type IdentityKind } from './identity-service.ts';
import type { PassthroughMount } from './mounts.ts';
import { publicBase } from './public-base.ts';
import { createLinkRewriter } from './salesforce-links.ts';

const SALESFORCE_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;
/** Salesforce's JSON content type, as jsforce expects it. */
const SF_JSON = 'application/json;charset=UTF-8';

interface IdentityParams {
  orgId: string;
  sfOrgId?: string;
  userId?: string;
}

/**
 * The request as logged: jsforce's `identity()` puts the access token (our key) in the query as
 * `oauth_token`, so the logged URL has it masked.
 */
const logSerializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: request.url.replace(/([?&]oauth_token=)[^&#]*/gi, '$1[redacted]'),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }),
};

/** Same record in 15- and 18-character form: the first 15 characters are the id. */
const sameId = (a: unknown, b: string): boolean => typeof a === 'string' && a.slice(0, 15) === b.slice(0, 15);

function checkRequest(request: FastifyRequest<{ Params: IdentityParams }>): void {
  const { sfOrgId, userId } = request.params;
  for (const [name, value] of [
    ['sfOrgId', sfOrgId],
    ['userId', userId],
  ] as const) {
    if (value !== undefined && !SALESFORCE_ID.test(value)) throw new Problem('VALIDATION_FAILED', `${name} is not a Salesforce id.`, { errors: [{ location: `path/${name}`, message: 'not a 15 or 18 character id' }] });
  }
  const format = (request.query as Record<string, unknown>).format;
  if (format !== undefined && format !== 'json') throw new Problem('VALIDATION_FAILED', 'Only format=json is served.', { errors: [{ location: 'query/format', message: 'must be json' }] });
}

/** Register the identity and userinfo routes under the mount's prefix. */
export const identityRoutes: FastifyPluginAsync<RouteOptions & { mount: PassthroughMount }> = async (app, { services, scoped, mount }) => {
  const identities = createIdentityService({ pool: services.pool });
  const publicUrl = services.config.publicUrl;

  const serve =
    (kind: IdentityKind) =>
    async (request: FastifyRequest<{ Params: IdentityParams }>, reply: FastifyReply): Promise<FastifyReply> => {
      const org = orgOf(request);
      // Bad input is refused after authentication, as on the other org routes, and before Salesforce is asked.
      checkRequest(request);
      const base = publicBase(request, publicUrl);
      const { body, origins } = await identities.get(org, kind);
      const { sfOrgId, userId } = request.params;
      if (sfOrgId !== undefined && userId !== undefined && !(sameId(body.organization_id, sfOrgId) && sameId(body.user_id, userId))) {
        throw new Problem('NOT_FOUND', 'No such identity in this org.');
      }
      const rewriter = createLinkRewriter(origins, mount.instanceUrl(base, org.id));
      // Personal data of the integration user: no shared cache keeps it.
      return reply
        .code(200)
        .type(SF_JSON)
        .header('cache-control', 'no-store, private')
        .send(rewriter.text(JSON.stringify(body)));
    };

  const scope = scoped('passthrough', mount.orgFrom);
  const options = (operation: string) => ({ ...scope, logSerializers, exposeHeadRoute: false, schema: routeSchema(mount.operationId(operation)) });
  app.get<{ Params: IdentityParams }>(`${mount.prefix}/id/:sfOrgId/:userId`, options('Identity'), serve('identity'));
  app.get<{ Params: IdentityParams }>(`${mount.prefix}/services/oauth2/userinfo`, options('UserInfo'), serve('userinfo'));
};
