// Runs a parsed query against a source: resolve names (own fields, parent paths, child
// relationships), filter with the compiled predicate, sort, apply OFFSET/LIMIT, and project.
// A child subquery runs per parent row over the child records grouped by their lookup once.
import type { Query } from './ast.ts';
import { compileCondition, type FieldScope, type Predicate } from './compile.ts';
import { malformed, unknownChildRelationship, unsupportedObject } from './errors.ts';
import { ParentLookup, resolveAccess, type FieldAccess } from './paths.ts';
import { resolveObject, type ResolvedObject } from './schema.ts';
import type { SoqlOptions, SoqlRecord, SoqlResult, SoqlSource } from './types.ts';
import { categoryOf, toKey, type Key } from './values.ts';

interface SortKey {
  read: (r: SoqlRecord) => Key | null;
  /** 1 for ASC, -1 for DESC */
  dir: number;
  /** what a null compares as against any value: -1 sorts nulls first */
  nullRank: number;
}

interface Run {
  source: SoqlSource;
  now: number;
  lookup: ParentLookup;
  recordUrl: SoqlOptions['recordUrl'];
}

/** A resolved SELECT item (exported for `columns=true`, which describes them without running the query). */
export type Column = { kind: 'field'; access: FieldAccess } | { kind: 'children'; name: string; plan: Plan; field: string; byParent: () => Map<string, SoqlRecord[]> };

/** A query resolved against its object, ready to run over any list of that object's records. */
export interface Plan {
  object: string;
  columns: Column[];
  where: Predicate | null;
  sortKeys: SortKey[];
  offset: number;
  limit: number;
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

function attributes(run: Run, type: string, id: unknown): Record<string, string> {
  return run.recordUrl && typeof id === 'string' ? { type, url: run.recordUrl(type, id) } : { type };
}

/** Resolve the select list, filter and order of `q` against `obj`. */
function plan(q: Query, obj: ResolvedObject, run: Run, nested: boolean): Plan {
  const scope: FieldScope = (ref) => resolveAccess(obj, ref, run.source, run.lookup);
  const columns: Column[] = [];
  const seen = new Set<string>();
  const once = (key: string) => {
    if (seen.has(key.toLowerCase())) throw malformed(`duplicate field selected: ${key}`);
    seen.add(key.toLowerCase());
  };
  for (const item of q.select) {
    if (item.kind === 'field') {
      const access = scope(item.ref);
      once(access.path);
      columns.push({ kind: 'field', access });
      continue;
    }
    const name = item.query.object.text;
    const rel = nested ? undefined : obj.info.childRelationships?.find((c) => c.relationshipName.toLowerCase() === name.toLowerCase());
    const childInfo = rel && run.source.describe(rel.childSObject);
    if (!rel || !childInfo) throw unknownChildRelationship(name);
    once(rel.relationshipName);
    const childPlan = plan(item.query, resolveObject(childInfo), run, true);
    let groups: Map<string, SoqlRecord[]> | undefined;
    const byParent = () => {
      if (!groups) {
        groups = new Map();
        for (const r of run.source.records(childInfo.name)) {
          const parentId = r[rel.field];
          if (typeof parentId !== 'string') continue;
          const list = groups.get(parentId) ?? [];
          list.push(r);
          groups.set(parentId, list);
        }
      }
      return groups;
    };
    columns.push({ kind: 'children', name: rel.relationshipName, plan: childPlan, field: rel.field, byParent });
  }
  const sortKeys: SortKey[] = q.orderBy.map((o) => {
    const { field, read } = scope(o.field);
    const cat = categoryOf(field.type);
    return { read: (r) => toKey(cat, read(r)), dir: o.desc ? -1 : 1, nullRank: o.nullsFirst ? -1 : 1 };
  });
  return {
    object: obj.info.name,
    columns,
    where: q.where ? compileCondition(q.where, scope, run.now) : null,
    sortKeys,
    offset: q.offset ?? 0,
    limit: q.limit ?? Number.POSITIVE_INFINITY,
  };
}

/** Filter, sort and page records; without ORDER BY the scan stops once the page is full. */
function select(p: Plan, records: Iterable<SoqlRecord>): SoqlRecord[] {
  const stopAt = p.sortKeys.length === 0 ? p.offset + p.limit : Number.POSITIVE_INFINITY;
  let matched: SoqlRecord[] = [];
  if (stopAt > 0) {
    for (const r of records) {
      if (p.where && !p.where(r)) continue;
      matched.push(r);
      if (matched.length >= stopAt) break;
    }
  }
  if (p.sortKeys.length > 0) {
    // Read every sort key once (decorate), sort stably, then drop the keys.
    const decorated = matched.map((r) => ({ r, k: p.sortKeys.map((s) => s.read(r)) }));
    decorated.sort((a, b) => compareRows(p.sortKeys, a.k, b.k));
    matched = decorated.map((d) => d.r);
  }
  return matched.slice(p.offset, p.offset + p.limit);
}

/** Write one parent-path field into a row, nesting under each relationship (null when a parent is missing). */
function putPath(run: Run, row: Record<string, unknown>, access: FieldAccess, record: SoqlRecord): void {
  let target = row;
  let current = record;
  for (const s of access.steps) {
    const parent = run.lookup.find(s.targets, current[s.via.name]);
    if (!parent) {
      if (!(s.relationshipName in target)) target[s.relationshipName] = null;
      return;
    }
    let nested = target[s.relationshipName] as Record<string, unknown> | null | undefined;
    if (!nested) {
      nested = { attributes: attributes(run, parent.type, parent.record['Id']) };
      target[s.relationshipName] = nested;
    }
    target = nested;
    current = parent.record;
  }
  target[access.field.name] = current[access.field.name] ?? null;
}

function project(run: Run, p: Plan, record: SoqlRecord, withAttributes: boolean): Record<string, unknown> {
  const row: Record<string, unknown> = withAttributes ? { attributes: attributes(run, p.object, record['Id']) } : {};
  for (const c of p.columns) {
    if (c.kind === 'field') {
      if (c.access.steps.length === 0) row[c.access.field.name] = record[c.access.field.name] ?? null;
      else putPath(run, row, c.access, record);
      continue;
    }
    const id = record['Id'];
    const children = select(c.plan, (typeof id === 'string' && c.byParent().get(id)) || []);
    row[c.name] = children.length === 0 ? null : { totalSize: children.length, done: true, records: children.map((r) => project(run, c.plan, r, true)) };
  }
  return row;
}

export function execute(q: Query, source: SoqlSource, now: number, recordUrl?: SoqlOptions['recordUrl']): SoqlResult {
  // Salesforce checks the object before any field.
  const info = source.describe(q.object.text);
  if (!info) throw unsupportedObject(q.object.text);
  const run: Run = { source, now, lookup: new ParentLookup(source), recordUrl };
  const p = plan(q, resolveObject(info), run, false);
  if (q.count) {
    const all = select({ ...p, offset: 0, limit: Number.POSITIVE_INFINITY, sortKeys: [] }, source.records(info.name));
    return { ok: true, object: info.name, count: true, totalSize: Math.max(0, Math.min(all.length - p.offset, p.limit)) };
  }
  const rows = select(p, source.records(info.name)).map((r) => project(run, p, r, false));
  const fields = [...new Set(p.columns.map((c) => (c.kind === 'children' ? c.name : (c.access.steps[0]?.relationshipName ?? c.access.field.name))))];
  return { ok: true, object: info.name, count: false, fields, rows };
}

/** Resolve a query without running it: its object and select columns (errors as SoqlError). */
export function planQuery(q: Query, source: SoqlSource, now: number): Plan {
  const info = source.describe(q.object.text);
  if (!info) throw unsupportedObject(q.object.text);
  return plan(q, resolveObject(info), { source, now, lookup: new ParentLookup(source), recordUrl: undefined }, false);
}
