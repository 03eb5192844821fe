/** GET|PUT /v1/orgs/:orgId/mappings/:relationship — the field mapping page and its changes. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { RouteOptions } from '../http/route-options.ts';
import { routeSchema } from '../http/contract.ts';
import { orgOf } from '../http/org-scope.ts';
import { parseInput } from '../http/validate.ts';
import { mappingPutSchema } from './mapping-input.ts';
import { mappingPage, saveMappings } from './mapping-service.ts';
import { relationshipParam } from './relationship-param.ts';
import { toSalesforceProblem } from './salesforce-failure.ts';

// Mappings are sync settings: Administrators on the Advanced and Ultimate plans (access/capabilities.ts).
export const mappingRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services, scoped }) => {
  // An unknown relationship is a missing resource (404), found before the request is validated.
  const knownRelationship = async (request: FastifyRequest): Promise<void> => void relationshipParam(request.params);
  app.get('/v1/orgs/:orgId/mappings/:relationship', { ...scoped('settings:read'), preValidation: knownRelationship, schema: routeSchema('getMappings') }, async (request) => {
    const org = orgOf(request);
    const relationship = relationshipParam(request.params);
    return mappingPage(services, org, relationship).catch((error: unknown) => {
      throw toSalesforceProblem(error);
    });
  });

  app.put('/v1/orgs/:orgId/mappings/:relationship', { ...scoped('settings:write'), preValidation: knownRelationship, schema: routeSchema('putMappings') }, async (request) => {
    const org = orgOf(request);
    const relationship = relationshipParam(request.params);
    const input = parseInput(mappingPutSchema, request.body, 'body');
    return saveMappings(services, org, relationship, input).catch((error: unknown) => {
      throw toSalesforceProblem(error);
    });
  });
};
