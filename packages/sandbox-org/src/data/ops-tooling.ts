/**
 * A minimal Tooling API: `GET /tooling/query?q=` and `GET /tooling/sobjects/:object/describe` over a
 * few metadata objects the Salesforce CLI asks for (ApexClass, ApexTrigger, SourceMember — core's
 * `supportsSourceTracking` describes SourceMember, `--use-tooling-api` queries any). The sandbox has
 * no metadata, so they have no rows. Any other object is INVALID_TYPE (query) or 404 (describe), as
 * Salesforce answers for objects it does not have. Counted like every `/services/data` call.
 */
import { runSoql } from '../soql/index.ts';
import type { SoqlObjectInfo, SoqlSource } from '../soql/index.ts';
import { basePath, notFound, sfError } from './op.ts';
import type { Operation } from './op.ts';

const f = (name: string, type: string) => ({ name, type });
const audit = [f('CreatedDate', 'datetime'), f('CreatedById', 'reference'), f('LastModifiedDate', 'datetime'), f('LastModifiedById', 'reference'), f('SystemModstamp', 'datetime')];

const OBJECTS: readonly SoqlObjectInfo[] = [
  {
    name: 'ApexClass',
    fields: [
      f('Id', 'id'),
      f('NamespacePrefix', 'string'),
      f('Name', 'string'),
      f('ApiVersion', 'double'),
      f('Status', 'picklist'),
      f('IsValid', 'boolean'),
      f('Body', 'textarea'),
      f('LengthWithoutComments', 'int'),
      ...audit,
    ],
  },
  {
    name: 'ApexTrigger',
    fields: [
      f('Id', 'id'),
      f('NamespacePrefix', 'string'),
      f('Name', 'string'),
      f('TableEnumOrId', 'string'),
      f('ApiVersion', 'double'),
      f('Status', 'picklist'),
      f('IsValid', 'boolean'),
      f('Body', 'textarea'),
      ...audit,
    ],
  },
  {
    name: 'SourceMember',
    fields: [
      f('Id', 'id'),
      f('MemberName', 'string'),
      f('MemberType', 'string'),
      f('MemberIdOrName', 'string'),
      f('RevisionCounter', 'int'),
      f('IsNameObsolete', 'boolean'),
      f('IsNewMember', 'boolean'),
      f('ChangedBy', 'reference'),
      ...audit,
    ],
  },
];

const source: SoqlSource = {
  describe: (name) => OBJECTS.find((o) => o.name.toLowerCase() === name.toLowerCase()),
  records: () => [],
};

/** GET /tooling/query?q= — Tooling query results carry `size`, `queryLocator` and `entityTypeName` too. */
export const toolingQuery: Operation = (ctx, req) => {
  const soql = req.query['q'];
  if (soql === undefined || soql.trim() === '') return sfError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  const result = runSoql(soql, source, { now: ctx.org.clock.now() });
  if (!result.ok) return sfError(400, result.errorCode, result.message);
  const size = result.count ? result.totalSize : result.rows.length;
  const records = result.count ? [] : result.rows;
  return { status: 200, body: { size, totalSize: size, done: true, queryLocator: null, entityTypeName: result.object, records } };
};

/** GET /tooling/sobjects/:object/describe — names and types of the object's fields. */
export const toolingDescribe: Operation = (ctx, req) => {
  const info = source.describe(req.params['object'] ?? '');
  if (!info) return notFound();
  const urls = { sobject: `${basePath(ctx)}/tooling/sobjects/${info.name}`, describe: `${basePath(ctx)}/tooling/sobjects/${info.name}/describe` };
  return { status: 200, body: { name: info.name, label: info.name, queryable: true, createable: false, updateable: false, deletable: false, fields: info.fields.map((x) => ({ name: x.name, type: x.type })), urls } };
};
