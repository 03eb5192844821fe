/**
 * Bulk API 2.0 (`/jobs/ingest`, `/jobs/query`) as a Fastify plugin, registered inside the data
 * routes, so under `/services/data/:version` and behind the platform's gate.
 *
 * Counting. Salesforce: "Bulk API use is subject to the standard API usage limits. Each HTTP
 * request counts as one call for the purposes of calculating usage limits."
 * (Bulk API 2.0 and Bulk API Developer Guide, "Limits":
 * developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/asynch_api_concepts_limits.htm;
 * also Salesforce Help article 000382576). So every request to these resources (create, upload,
 * close, each status poll, each results page, list, abort, delete) is one call against
 * DailyApiRequests, and the records a job writes cost none. The gate (platform/data-scope.ts)
 * already counts each request it admits once, in the rolling window and in the ground truth
 * (platform/call-tracking.ts): nothing here counts again.
 */
import type { FastifyPluginAsync } from 'fastify';
import { sendSfError } from '../errors.ts';
import { BulkJsonError, installBodyParsers } from './http.ts';
import { ingestRoutes } from './ingest-routes.ts';
import { queryRoutes } from './query-routes.ts';

/** Registers every Bulk API 2.0 resource. */
export const bulkRoutes: FastifyPluginAsync = async (scope) => {
  installBodyParsers(scope);
  scope.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error instanceof BulkJsonError) return sendSfError(reply, 400, 'JSON_PARSER_ERROR', error.message);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendSfError(reply, status, 'INVALID_INPUT', error.message);
    request.log.error({ err: error }, 'sandbox bulk route failed');
    return sendSfError(reply, 500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support: sandbox');
  });
  const config = scope.initialConfig;
  // With ignoreTrailingSlash the router already maps `/x/` to `/x`; declaring both would clash.
  const slash = !(config.ignoreTrailingSlash === true || config.routerOptions?.ignoreTrailingSlash === true);
  ingestRoutes(scope, slash);
  queryRoutes(scope, slash);
};
