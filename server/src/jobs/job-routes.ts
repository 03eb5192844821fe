/** GET /v1/orgs/:orgId/jobs[/:jobId] and DELETE …/:jobId: the org's deferred pushes (sync capability). */
import type { FastifyPluginAsync } from 'fastify';
import { Problem } from '../errors.ts';
import { routeSchema } from '../http/contract.ts';
import { orgOf } from '../http/org-scope.ts';
import type { RouteOptions } from '../http/route-options.ts';
import type { Services } from '../services.ts';
import type { Jobs } from './jobs.ts';

function jobsOf(services: Services): Jobs {
  if (!services.jobs) throw new Problem('JOBS_UNAVAILABLE', 'Deferred pushes need the shared store: this instance runs without REDIS_URL.');
  return services.jobs;
}

const jobIdOf = (params: unknown): string => (params as { jobId: string }).jobId;

export const jobRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services, scoped }) => {
  app.get('/v1/orgs/:orgId/jobs', { ...scoped('sync'), schema: routeSchema('listJobs') }, async (request) => {
    return { jobs: await jobsOf(services).list(orgOf(request).id) };
  });

  app.get('/v1/orgs/:orgId/jobs/:jobId', { ...scoped('sync'), schema: routeSchema('getJob') }, async (request) => {
    const view = await jobsOf(services).get(orgOf(request).id, jobIdOf(request.params));
    if (!view) throw new Problem('NOT_FOUND', 'No such job in this org (jobs are kept 24 hours after they end).');
    return view;
  });

  app.delete('/v1/orgs/:orgId/jobs/:jobId', { ...scoped('sync'), schema: routeSchema('cancelJob') }, async (request) => {
    return jobsOf(services).cancel(orgOf(request).id, jobIdOf(request.params));
  });
};
