/** GET|PUT /v1/orgs/:orgId/mappings/:relationship — the field mapping page and its changes. */
import type { FastifyPluginAsync } from 'fastify';
import type { RouteOptions } from '../http/route-options.ts';
import { orgOf } from '../http/org-scope.ts';
import { parseInput } from '../http/validate.ts';
import { mappingPutSchema } from './mapping-input.ts';
import { mappingPage, saveMappings } from './mapping-service.ts';
import { relationshipParam } from './relationship-param.ts';
import { toSalesforceProblem } from './salesforce-failure.ts';

// Mappings are sync settings: Administrators on the Advanced and Ultimate plans (access/capabilities.ts).
export const mappingRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services, scoped }) => {
  app.get('/v1/orgs/:orgId/mappings/:relationship', scoped('settings:read'), async (request) => {
    const org = orgOf(request);
    const relationship = relationshipParam(request.params);
    return mappingPage(services, org, relationship).catch((error: unknown) => {
      throw toSalesforceProblem(error);
    });
  });

  app.put('/v1/orgs/:orgId/mappings/:relationship', scoped('settings:write'), async (request) => {
    const org = orgOf(request);
    const relationship = relationshipParam(request.params);
    const input = parseInput(mappingPutSchema, request.body, 'body');
    return saveMappings(services, org, relationship, input).catch((error: unknown) => {
      throw toSalesforceProblem(error);
    });
  });
};
