/** Metadata resources: global describe, sObject basic information, sObject describe. */
import type { ObjectSchema } from './catalogue.ts';
import { childRelationshipsOf } from './child-relationships.ts';
import { describeGlobalEntry, describeObject } from './describe.ts';
import { basePath, isResult, recordUrl, resolveObject } from './op.ts';
import type { Operation, OpRequest, OpResult } from './op.ts';
import type { StoredRecord } from './record-store.ts';

const RECENT_ITEMS = 3;

/**
 * 304 when the client's `If-Modified-Since` is not older than the metadata, else undefined.
 * HTTP dates have whole seconds, and lastModified is kept on whole seconds to match.
 */
function notModified(req: OpRequest, lastModified: number): OpResult | undefined {
  const since = req.headers['if-modified-since'];
  if (since === undefined) return undefined;
  const ms = Date.parse(since);
  if (Number.isNaN(ms) || lastModified > ms) return undefined;
  return { status: 304, headers: { 'Last-Modified': new Date(lastModified).toUTCString() } };
}

/** GET /sobjects — every object the org has. */
export const describeGlobal: Operation = (ctx, req) => {
  const schemas = ctx.org.catalogue.all();
  const lastModified = Math.max(...schemas.map((s) => s.lastModified));
  const unchanged = notModified(req, lastModified);
  if (unchanged) return unchanged;
  return {
    status: 200,
    body: { encoding: 'UTF-8', maxBatchSize: 200, sobjects: schemas.map((s) => describeGlobalEntry(s, basePath(ctx))) },
    headers: { 'Last-Modified': new Date(lastModified).toUTCString() },
  };
};

/** The newest live records, with Id and the name field, standing in for "recently viewed". */
function recentItems(schema: ObjectSchema, records: Iterable<StoredRecord>, url: (id: string) => string): Record<string, unknown>[] {
  const nameField = schema.fields.find((f) => f.nameField)?.name;
  const all = [...records];
  const out: Record<string, unknown>[] = [];
  for (let i = all.length - 1; i >= 0 && out.length < RECENT_ITEMS; i--) {
    const r = all[i]!;
    if (r['IsDeleted'] === true) continue;
    const item: Record<string, unknown> = { attributes: { type: schema.name, url: url(String(r['Id'])) }, Id: r['Id'] };
    if (nameField) item[nameField] = r[nameField] ?? null;
    out.push(item);
  }
  return out;
}

/** GET /sobjects/:object — `{objectDescribe, recentItems}`. */
export const basicInfo: Operation = (ctx, req) => {
  const schema = resolveObject(ctx, req.params['object']);
  if (isResult(schema)) return schema;
  return {
    status: 200,
    body: {
      objectDescribe: describeGlobalEntry(schema, basePath(ctx)),
      recentItems: recentItems(schema, ctx.org.store.table(schema.name).values(), (id) => recordUrl(ctx, schema.name, id)),
    },
  };
};

/** GET /sobjects/:object/describe — full describe, `Last-Modified`, 304 on `If-Modified-Since`. */
export const describeSObject: Operation = (ctx, req) => {
  const schema = resolveObject(ctx, req.params['object']);
  if (isResult(schema)) return schema;
  const unchanged = notModified(req, schema.lastModified);
  if (unchanged) return unchanged;
  return {
    status: 200,
    body: describeObject(schema, basePath(ctx), childRelationshipsOf(ctx.org.catalogue, schema.name)),
    headers: { 'Last-Modified': new Date(schema.lastModified).toUTCString() },
  };
};
