/**
 * `/query`, `/queryAll` and `/query/<locator>`: run SOQL once, then serve the result in pages
 * (2,000 by default, `Sforce-Query-Options: batchSize=N` between 200 and 2,000).
 */
import { runSoql } from '../soql/index.ts';
import type { SoqlResult, SoqlSource } from '../soql/index.ts';
import { basePath, recordUrl, sfError } from './op.ts';
import { queryColumns } from './query-columns.ts';
import type { OpContext, Operation, OpRequest, OpResult } from './op.ts';

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;

/** The page size a request asks for, clamped as Salesforce clamps it; undefined if not asked. */
function requestedBatch(req: OpRequest): number | undefined {
  const m = /batchSize\s*=\s*(\d+)/i.exec(req.headers['sforce-query-options'] ?? '');
  if (!m) return undefined;
  return Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Number(m[1])));
}

/** One page of a result, with `nextRecordsUrl` while more remain. */
function page(ctx: OpContext, rows: readonly Record<string, unknown>[], offset: number, size: number, cursorId?: string): OpResult {
  const end = Math.min(rows.length, offset + size);
  const done = end >= rows.length;
  let cursor = cursorId;
  if (!done && cursor === undefined) cursor = ctx.org.cursors.create(rows, size);
  return {
    status: 200,
    body: {
      totalSize: rows.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `${basePath(ctx)}/query/${cursor}-${end}` }),
      records: offset === 0 && done ? rows : rows.slice(offset, end),
    },
  };
}

/**
 * Record ids of the result rows, for `attributes.url`. The SOQL module returns only selected
 * fields, so when Id was not selected the same query runs again with Id added: same filter,
 * same stable order, so row i of both runs is the same record.
 */
function rowIds(soql: string, source: SoqlSource, result: Extract<SoqlResult, { ok: true; count: false }>, now: number): unknown[] {
  if (result.fields.includes('Id')) return result.rows.map((r) => r['Id']);
  const withId = runSoql(soql.replace(/^\s*select\s+/i, 'SELECT Id, '), source, { now });
  return withId.ok && !withId.count ? withId.rows.map((r) => r['Id']) : [];
}

function run(ctx: OpContext, req: OpRequest, includeDeleted: boolean): OpResult {
  const soql = req.query['q'];
  if (soql === undefined || soql.trim() === '') return sfError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  // `columns=true` describes the columns instead of running the query (the sf CLI asks for it).
  if (req.query['columns'] === 'true') return queryColumns(ctx, soql);
  const org = ctx.org;
  // /query must not see the recycle bin; /queryAll must. A per-request view decides.
  const source: SoqlSource = {
    describe: (name) => org.describe(name),
    records: (name) => org.records(name, { includeDeleted }),
  };
  const now = org.clock.now();
  const result = runSoql(soql, source, { now, recordUrl: (type, id) => recordUrl(ctx, type, id) });
  if (!result.ok) return sfError(400, result.errorCode, result.message);
  if (result.count) return { status: 200, body: { totalSize: result.totalSize, done: true, records: [] } };
  const ids = rowIds(soql, source, result, now);
  const type = result.object;
  const rows = result.rows.map((row, i) => {
    const id = ids[i];
    const url = typeof id === 'string' ? recordUrl(ctx, type, id) : `${basePath(ctx)}/sobjects/${type}`;
    return { attributes: { type, url }, ...row };
  });
  return page(ctx, rows, 0, requestedBatch(req) ?? DEFAULT_BATCH);
}

/** GET /query?q= — live records only. */
export const query: Operation = (ctx, req) => run(ctx, req, false);

/** GET /queryAll?q= — deleted records (IsDeleted = true) included. */
export const queryAll: Operation = (ctx, req) => run(ctx, req, true);

/** GET /query/:locator (and /queryAll/:locator) — the next page of an open cursor. */
export const queryMore: Operation = (ctx, req) => {
  const found = ctx.org.cursors.resolve(req.params['locator'] ?? '');
  if (!found) return sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  const { cursor, offset } = found;
  return page(ctx, cursor.rows, offset, requestedBatch(req) ?? cursor.batchSize, cursor.id);
};
