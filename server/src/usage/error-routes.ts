/**
 * GET /v1/orgs/:orgId/errors — the Salesforce error log, filtered, as JSON or a CSV export — and
 * POST /v1/orgs/:orgId/errors/acknowledge — mark errors up to a moment as resolved (audited). Both
 * read and write our own records only: no Salesforce call.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RouteOptions } from '../http/route-options.ts';
import { routeSchema } from '../http/contract.ts';
import { orgOf } from '../http/org-scope.ts';
import { parseInput } from '../http/validate.ts';
import { parseIsoDateTime } from '../sync/soql.ts';
import { toCsv } from './csv.ts';
import { countByCode, CSV_HEADER, csvRow, DEFAULT_ERROR_LIMIT, errorQuery, errorView, filterErrors } from './error-query.ts';

const acknowledgeSchema = z
  .object({
    /** ISO-8601; errors at or before it are acknowledged. @default now */
    before: z
      .string()
      .max(64)
      .refine((s) => parseIsoDateTime(s) !== undefined, 'an ISO-8601 date-time with a zone, e.g. 2026-01-31T09:30:00Z')
      .optional(),
  })
  .strict();

/** Quality of `type` in an Accept header (0 when absent); wildcards count for application/json only. */
function quality(accept: string, type: 'text/csv' | 'application/json'): number {
  let best = 0;
  for (const part of accept.split(',')) {
    const [media = '', ...params] = part.trim().toLowerCase().split(';');
    const matches = media === type || (type === 'application/json' && (media === 'application/*' || media === '*/*'));
    if (!matches) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    best = Math.max(best, q === undefined ? 1 : Number(q) || 0);
  }
  return best;
}

/** CSV when asked by `format=csv`, or when Accept prefers text/csv to JSON. */
export function wantsCsv(format: 'json' | 'csv' | undefined, accept: string | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  if (!accept) return false;
  const csv = quality(accept, 'text/csv');
  return csv > 0 && csv > quality(accept, 'application/json');
}

export const errorRoutes: FastifyPluginAsync<RouteOptions> = async (app, { services, scoped }) => {
  app.get('/v1/orgs/:orgId/errors', { ...scoped('errors:read'), schema: routeSchema('listErrors') }, async (request, reply) => {
    const org = orgOf(request);
    const query = errorQuery(request.query);
    const [entries, acknowledgedBefore] = await Promise.all([services.errorLog.list(org.id), services.errorLog.acknowledgedBefore(org.id)]);
    const matching = filterErrors(entries, query);
    if (wantsCsv(query.format, request.headers.accept)) {
      const rows = matching.slice(0, query.limit ?? matching.length).map((e) => csvRow(errorView(e, acknowledgedBefore)));
      return (
        reply
          .type('text/csv; charset=utf-8')
          // Org ids are [a-z0-9-]: nothing in the file name needs quoting or escaping.
          .header('Content-Disposition', `attachment; filename="salesforce-errors-${org.id}.csv"`)
          .header('Cache-Control', 'no-store')
          .send(toCsv(CSV_HEADER, rows))
      );
    }
    return {
      errors: matching.slice(0, query.limit ?? DEFAULT_ERROR_LIMIT).map((e) => errorView(e, acknowledgedBefore)),
      total: matching.length,
      byCode: countByCode(matching),
      acknowledgedBefore: acknowledgedBefore > 0 ? new Date(acknowledgedBefore).toISOString() : null,
    };
  });

  // Acknowledging changes what the checklist reports: an administrator's write, like a settings change.
  app.post('/v1/orgs/:orgId/errors/acknowledge', { ...scoped('settings:write'), schema: routeSchema('acknowledgeErrors') }, async (request) => {
    const org = orgOf(request);
    const input = parseInput(acknowledgeSchema, request.body, 'body');
    const now = Date.now();
    // Errors that have not happened yet cannot be resolved: a moment in the future is taken as now.
    const asked = input.before === undefined ? now : Math.min(now, parseIsoDateTime(input.before)!);
    const before = await services.errorLog.acknowledge(org.id, asked);
    const entries = await services.errorLog.list(org.id);
    const acknowledged = entries.filter((e) => e.at <= before).length;
    const at = new Date(before).toISOString();
    await services.audit.record(org.id, request.principal!, 'errors.acknowledged', undefined, { before: at, acknowledged });
    return { acknowledgedBefore: at, acknowledged, open: entries.length - acknowledged };
  });
};
