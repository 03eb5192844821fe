/** What every route plugin is given. */
import type { onRequestAsyncHookHandler } from 'fastify';
import type { Authenticator } from '../access/authenticate.ts';
import type { Capability } from '../access/capabilities.ts';
import type { Services } from '../services.ts';
import type { OrgLocator } from './org-scope.ts';

export interface RouteOptions {
  services: Services;
  auth: Authenticator;
  /**
   * Route options for a route that works on one org and needs `capability`: the org under
   * /v1/orgs/:orgId (`orgFrom: 'path'`, the default) or the key's own (`'key'`).
   */
  scoped: (capability: Capability, orgFrom?: OrgLocator) => { onRequest: onRequestAsyncHookHandler; config: { capability: Capability } };
}
