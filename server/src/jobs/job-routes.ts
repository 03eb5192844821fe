/** GET /v1/orgs/:orgId/jobs[/:jobId] and DELETE …/:jobId: the org's deferred pushes (sync capability). */
import type { FastifyPluginAsync } from 'fastify';
import { Problem } from '../errors.ts';
import { routeSchema } from '../http/contract.ts';
import { orgOf } from '../http/org-scope.ts';
import type { RouteOptions } from '../http/route-options.ts';

const jobIdOf = (params: unknown): string => (params as { jobId: string }).jobId;
const noSuchJob = (): Problem => new Problem('NOT_FOUND', 'No such job in this org (jobs are kept 24 hours after they end).');

export const jobRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services, scoped }) => {
  app.get('/v1/orgs/:orgId/jobs', { ...scoped('sync'), schema: routeSchema('listJobs') }, async (request) => {
    // Without Redis (embedded mode) nothing is ever deferred: the list is empty.
    return { jobs: services.jobs ? await services.jobs.list(orgOf(request).id) : [] };
  });

  app.get('/v1/orgs/:orgId/jobs/:jobId', { ...scoped('sync'), schema: routeSchema('getJob') }, async (request) => {
    const view = await services.jobs?.get(orgOf(request).id, jobIdOf(request.params));
    if (!view) throw noSuchJob();
    return view;
  });

  app.delete('/v1/orgs/:orgId/jobs/:jobId', { ...scoped('sync'), schema: routeSchema('cancelJob') }, async (request) => {
    if (!services.jobs) throw noSuchJob();
    return services.jobs.cancel(orgOf(request).id, jobIdOf(request.params));
  });
};
