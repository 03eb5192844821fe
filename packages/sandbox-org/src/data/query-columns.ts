/**
 * `GET /query?q=…&columns=true`: the query's columns without its rows, in the shape the Salesforce
 * CLI reads (`sf data query` asks for it after a query that returned rows: plugin-data
 * lib/commands/data/query.js `retrieveColumns`, which reads `columnName`, `displayName`, `aggregate`
 * and nested `joinColumns`). A parent path is a column named by the relationship whose `joinColumns`
 * hold the next hop; a child subquery is an `aggregate` column whose `joinColumns` are its columns.
 *
 * Counting: it is a `/query` request like any other, and Salesforce documents no exemption for it,
 * so the gate counts it (one call); the sf CLI therefore spends two calls on a `data query` with rows.
 */
import { soqlColumns } from '../soql/index.ts';
import type { SoqlColumn } from '../soql/index.ts';
import type { Catalogue } from './catalogue.ts';
import type { FieldType } from './fields.ts';
import { sfError } from './op.ts';
import type { OpContext, OpResult } from './op.ts';

const APEX_TYPES: Record<FieldType, string> = {
  id: 'Id',
  reference: 'Id',
  boolean: 'Boolean',
  string: 'String',
  textarea: 'String',
  phone: 'String',
  email: 'String',
  url: 'String',
  picklist: 'String',
  date: 'Date',
  datetime: 'Datetime',
  double: 'Double',
  int: 'Integer',
  currency: 'Double',
  percent: 'Double',
};

type Meta = Record<string, unknown>;

function column(name: string, display: string, extra: Partial<Meta> = {}): Meta {
  return {
    aggregate: false,
    apexType: null,
    booleanType: false,
    columnName: name,
    custom: false,
    displayName: display,
    foreignKeyName: null,
    insertable: false,
    joinColumns: [],
    numberType: false,
    textType: false,
    updatable: false,
    ...extra,
  };
}

/** A plain field column (its display name is the full path, as Salesforce writes it). */
function fieldColumn(catalogue: Catalogue, object: string, name: string, display: string): Meta {
  const def = catalogue.get(object)?.field(name);
  if (!def) return column(name, display);
  const numeric = def.type === 'double' || def.type === 'int' || def.type === 'currency' || def.type === 'percent';
  return column(def.name, display, {
    apexType: APEX_TYPES[def.type],
    booleanType: def.type === 'boolean',
    custom: def.custom,
    insertable: def.createable,
    numberType: numeric,
    textType: APEX_TYPES[def.type] === 'String',
    updatable: def.updateable,
  });
}

function metaOf(catalogue: Catalogue, c: SoqlColumn, prefix: string): Meta {
  if (c.kind === 'children') {
    return column(c.relationshipName, prefix + c.relationshipName, { aggregate: true, joinColumns: c.columns.map((child) => metaOf(catalogue, child, '')) });
  }
  const leaf = (path: string) => fieldColumn(catalogue, c.object, c.field.name, path + c.field.name);
  // Build from the leaf outwards: Account.Owner.Name is Account{Owner{Name}}.
  let path = prefix + c.relationships.map((r) => r.name + '.').join('');
  let meta = leaf(path);
  for (const r of [...c.relationships].reverse()) {
    path = path.slice(0, path.length - r.name.length - 1);
    meta = column(r.name, path + r.name, { foreignKeyName: r.via.name, joinColumns: [meta] });
  }
  return meta;
}

/** The columns=true answer for a query (400 with Salesforce's error for a bad one). */
export function queryColumns(ctx: OpContext, soql: string): OpResult {
  const result = soqlColumns(soql, ctx.org, ctx.org.clock.now());
  if (!result.ok) return sfError(400, result.errorCode, result.message);
  const columns = result.columns.map((c) => metaOf(ctx.org.catalogue, c, ''));
  const idSelected = result.columns.some((c) => c.kind === 'field' && c.relationships.length === 0 && c.field.name === 'Id');
  const keyPrefix = ctx.org.catalogue.get(result.object)?.def.keyPrefix ?? null;
  return { status: 200, body: { columnMetadata: result.count ? [] : columns, entityName: result.object, groupBy: false, idSelected, keyPrefix } };
}
