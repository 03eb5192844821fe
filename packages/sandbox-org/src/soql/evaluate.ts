// Runs a parsed query against a source: resolve names, filter with the compiled predicate,
// sort, apply OFFSET/LIMIT, and project the selected fields.
import type { Query } from './ast.ts';
import { compileCondition } from './compile.ts';
import { malformed, unsupportedObject } from './errors.ts';
import { resolveField, resolveObject } from './schema.ts';
import type { SoqlRecord, SoqlResult, SoqlSource } from './types.ts';
import { categoryOf, toKey, type Key } from './values.ts';

interface SortKey {
  read: (r: SoqlRecord) => Key | null;
  /** 1 for ASC, -1 for DESC */
  dir: number;
  /** what a null compares as against any value: -1 sorts nulls first */
  nullRank: number;
}

function compareRows(keys: readonly SortKey[], a: readonly (Key | null)[], b: readonly (Key | null)[]): number {
  for (let k = 0; k < keys.length; k += 1) {
    const x = a[k] ?? null;
    const y = b[k] ?? null;
    if (x === y) continue;
    const key = keys[k] as SortKey;
    if (x === null) return key.nullRank;
    if (y === null) return -key.nullRank;
    return x < y ? -key.dir : key.dir;
  }
  return 0;
}

export function execute(q: Query, source: SoqlSource, now: number): SoqlResult {
  // Salesforce checks the object before any field.
  const info = source.describe(q.object.text);
  if (!info) throw unsupportedObject(q.object.text);
  const obj = resolveObject(info);

  const fields: string[] = [];
  const seen = new Set<string>();
  for (const ref of q.fields) {
    const name = resolveField(obj, ref).name;
    if (seen.has(name)) throw malformed(`duplicate field selected: ${name}`);
    seen.add(name);
    fields.push(name);
  }
  const where = q.where ? compileCondition(q.where, obj, now) : null;
  const sortKeys: SortKey[] = q.orderBy.map((o) => {
    const field = resolveField(obj, o.field);
    const cat = categoryOf(field.type);
    const name = field.name;
    return { read: (r) => toKey(cat, r[name]), dir: o.desc ? -1 : 1, nullRank: o.nullsFirst ? -1 : 1 };
  });

  const offset = q.offset ?? 0;
  const limit = q.limit ?? Number.POSITIVE_INFINITY;
  // Without ORDER BY, rows come in source order, so scanning can stop once the page is full.
  const stopAt = sortKeys.length === 0 ? offset + limit : Number.POSITIVE_INFINITY;
  let matched: SoqlRecord[] = [];
  if (stopAt > 0) {
    for (const r of source.records(info.name)) {
      if (where && !where(r)) continue;
      matched.push(r);
      if (matched.length >= stopAt) break;
    }
  }

  if (q.count) {
    const totalSize = Math.max(0, Math.min(matched.length - offset, limit));
    return { ok: true, object: info.name, count: true, totalSize };
  }

  if (sortKeys.length > 0) {
    // Read every sort key once (decorate), sort stably, then drop the keys.
    const decorated = matched.map((r) => ({ r, k: sortKeys.map((s) => s.read(r)) }));
    decorated.sort((a, b) => compareRows(sortKeys, a.k, b.k));
    matched = decorated.map((d) => d.r);
  }
  const page = matched.slice(offset, offset + limit);
  const rows = page.map((r) => {
    const row: Record<string, unknown> = {};
    for (const f of fields) row[f] = r[f] ?? null;
    return row;
  });
  return { ok: true, object: info.name, count: false, fields, rows };
}
