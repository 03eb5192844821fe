/** What every route plugin is given. */
import type { onRequestAsyncHookHandler } from 'fastify';
import type { Authenticator } from '../access/authenticate.ts';
import type { Capability } from '../access/capabilities.ts';
import type { Services } from '../services.ts';

export interface RouteOptions {
  services: Services;
  auth: Authenticator;
  /** Route options for a route under /v1/orgs/:orgId that needs `capability`. */
  scoped: (capability: Capability) => { onRequest: onRequestAsyncHookHandler; config: { capability: Capability } };
}
