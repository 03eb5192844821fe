// Resolves field names as written in the query to the object's canonical fields.
import type { NameRef } from './ast.ts';
import { noSuchColumn, unknownRelationship } from './errors.ts';
import type { SoqlFieldInfo, SoqlObjectInfo } from './types.ts';

export interface ResolvedObject {
  info: SoqlObjectInfo;
  byLowerName: ReadonlyMap<string, SoqlFieldInfo>;
}

// describe() usually hands back the same object each time: index its fields once.
const cache = new WeakMap<SoqlObjectInfo, ResolvedObject>();

export function resolveObject(info: SoqlObjectInfo): ResolvedObject {
  let resolved = cache.get(info);
  if (!resolved) {
    const byLowerName = new Map<string, SoqlFieldInfo>();
    for (const f of info.fields) byLowerName.set(f.name.toLowerCase(), f);
    resolved = { info, byLowerName };
    cache.set(info, resolved);
  }
  return resolved;
}

/**
 * 'LastName', 'lastname' and 'Lead.LastName' (object-qualified) all name the same field;
 * any other dotted path would be a relationship, which the subset does not support.
 */
export function resolveField(obj: ResolvedObject, ref: NameRef): SoqlFieldInfo {
  let name = ref.text;
  const objectPrefix = obj.info.name.toLowerCase() + '.';
  if (name.toLowerCase().startsWith(objectPrefix)) name = name.slice(objectPrefix.length);
  const dot = name.indexOf('.');
  if (dot >= 0) throw unknownRelationship(name.slice(0, dot));
  const field = obj.byLowerName.get(name.toLowerCase());
  if (!field) throw noSuchColumn(name, obj.info.name);
  return field;
}
