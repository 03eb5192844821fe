// Field paths as written in a query: `Name`, `Lead.Name` (object-qualified), or parent paths such as
// `Account.Owner.Name` that follow lookups by their relationship names. Each resolves once, before
// any record is read, to an accessor; parents are found by id through per-object maps built lazily.
import type { NameRef } from './ast.ts';
import { noSuchColumn, unknownRelationship } from './errors.ts';
import { resolveField, resolveObject, type ResolvedObject } from './schema.ts';
import type { SoqlFieldInfo, SoqlRecord, SoqlSource } from './types.ts';

/** One hop of a parent path: the lookup field followed and the objects it may point to. */
export interface PathStep {
  via: SoqlFieldInfo;
  relationshipName: string;
  targets: ResolvedObject[];
}

/** A resolved field: its leaf field, the hops to reach it (none for the object's own field), a reader. */
export interface FieldAccess {
  field: SoqlFieldInfo;
  steps: PathStep[];
  /** Canonical path (`Account.Name`), for duplicate checks. */
  path: string;
  read: (record: SoqlRecord) => unknown;
}

/** Finds records by id across objects, building each object's id map on first use. */
export class ParentLookup {
  private readonly maps = new Map<string, Map<string, SoqlRecord>>();
  constructor(private readonly source: SoqlSource) {}

  /** The record with this id among the given objects, with the object it belongs to. */
  find(targets: readonly ResolvedObject[], id: unknown): { type: string; record: SoqlRecord } | undefined {
    if (typeof id !== 'string' || id === '') return undefined;
    for (const target of targets) {
      const record = this.map(target.info.name).get(id);
      if (record) return { type: target.info.name, record };
    }
    return undefined;
  }

  private map(object: string): Map<string, SoqlRecord> {
    let map = this.maps.get(object);
    if (!map) {
      map = new Map();
      for (const r of this.source.records(object)) if (typeof r['Id'] === 'string') map.set(r['Id'], r);
      this.maps.set(object, map);
    }
    return map;
  }
}

/** The relationship of `obj` named `name` (any case), as a path step; unknown → INVALID_FIELD. */
function step(obj: ResolvedObject, name: string, source: SoqlSource): PathStep {
  const lower = name.toLowerCase();
  const via = obj.info.fields.find((f) => f.relationshipName?.toLowerCase() === lower && (f.referenceTo?.length ?? 0) > 0);
  const targets = (via?.referenceTo ?? []).map((t) => source.describe(t)).filter((t) => t !== undefined);
  if (!via || targets.length === 0) throw unknownRelationship(name);
  return { via, relationshipName: via.relationshipName!, targets: targets.map(resolveObject) };
}

/** Resolve a field reference of `obj`, following parent relationships. */
export function resolveAccess(obj: ResolvedObject, ref: NameRef, source: SoqlSource, lookup: ParentLookup): FieldAccess {
  const prefix = obj.info.name.toLowerCase() + '.';
  const text = ref.text.toLowerCase().startsWith(prefix) && ref.text.indexOf('.', prefix.length) >= 0 ? ref.text.slice(prefix.length) : ref.text;
  const parts = text.split('.');
  if (parts.length === 1 || text.toLowerCase().startsWith(prefix)) {
    const field = resolveField(obj, ref);
    return { field, steps: [], path: field.name, read: (r) => r[field.name] };
  }
  const steps: PathStep[] = [];
  let current = obj;
  for (const part of parts.slice(0, -1)) {
    const s = step(current, part, source);
    steps.push(s);
    current = s.targets[0]!;
  }
  const leafName = parts.at(-1)!;
  const field = current.byLowerName.get(leafName.toLowerCase());
  if (!field) throw noSuchColumn(leafName, current.info.name);
  const read = (r: SoqlRecord): unknown => {
    let record: SoqlRecord | undefined = r;
    for (const s of steps) record = record && lookup.find(s.targets, record[s.via.name])?.record;
    return record?.[field.name];
  };
  return { field, steps, path: [...steps.map((s) => s.relationshipName), field.name].join('.'), read };
}
