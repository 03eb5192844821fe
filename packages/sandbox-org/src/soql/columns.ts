// The columns of a query without its rows (what `GET /query?q=…&columns=true` describes): each
// select item as a field of the queried object, a parent path, or a child subquery.
import { SoqlError } from './errors.ts';
import { planQuery, type Plan } from './evaluate.ts';
import { tokenize } from './lexer.ts';
import { parse } from './parser.ts';
import type { SoqlErrorCode } from './errors.ts';
import type { SoqlFieldInfo, SoqlSource } from './types.ts';

/** One column: a field (with the relationships leading to it and the object it is on) or a subquery. */
export type SoqlColumn =
  { kind: 'field'; field: SoqlFieldInfo; object: string; relationships: { name: string; via: SoqlFieldInfo; object: string }[] } | { kind: 'children'; relationshipName: string; object: string; columns: SoqlColumn[] };

export type SoqlColumnsResult = { ok: true; object: string; count: boolean; columns: SoqlColumn[] } | { ok: false; errorCode: SoqlErrorCode; message: string };

function columnsOf(p: Plan): SoqlColumn[] {
  return p.columns.map((c): SoqlColumn => {
    if (c.kind === 'children') return { kind: 'children', relationshipName: c.name, object: c.plan.object, columns: columnsOf(c.plan) };
    const steps = c.access.steps;
    const object = steps.at(-1)?.targets[0]?.info.name ?? p.object;
    const relationships = steps.map((s) => ({ name: s.relationshipName, via: s.via, object: s.targets[0]!.info.name }));
    return { kind: 'field', field: c.access.field, object, relationships };
  });
}

/** The columns a query would return; never throws for bad input. */
export function soqlColumns(soql: string, source: SoqlSource, now: number): SoqlColumnsResult {
  try {
    const q = parse(tokenize(soql));
    const p = planQuery(q, source, now);
    return { ok: true, object: p.object, count: q.count, columns: columnsOf(p) };
  } catch (e) {
    if (e instanceof SoqlError) return { ok: false, errorCode: e.errorCode, message: e.message };
    throw e;
  }
}
