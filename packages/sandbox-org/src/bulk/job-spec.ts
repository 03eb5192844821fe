/**
 * Reading a job definition (`POST …/jobs/ingest`, `POST …/jobs/query`) into a checked spec, with
 * Salesforce's defaults: contentType CSV, columnDelimiter COMMA, lineEnding LF.
 */
import { scalarText } from '../scalar-text.ts';
import type { ObjectSchema } from '../data/catalogue.ts';
import type { SandboxOrg } from '../data/org-data.ts';
import { invalidJob, type BulkError } from './bulk-errors.ts';
import { COLUMN_DELIMITERS, LINE_ENDINGS, type CsvDialect } from './csv-format.ts';
import type { IngestOperation, QueryOperation } from './jobs.ts';

const INGEST_OPERATIONS: readonly IngestOperation[] = ['insert', 'update', 'upsert', 'delete', 'hardDelete'];
const QUERY_OPERATIONS: readonly QueryOperation[] = ['query', 'queryAll'];

/** A checked ingest job definition. */
export interface IngestSpec {
  operation: IngestOperation;
  schema: ObjectSchema;
  externalIdFieldName?: string;
  dialect: CsvDialect;
}

/** A checked query job definition (the SOQL itself is checked by running it). */
export interface QuerySpec {
  operation: QueryOperation;
  query: string;
  dialect: CsvDialect;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** contentType, columnDelimiter and lineEnding, defaulted and checked. */
function dialectOf(body: Record<string, unknown>): CsvDialect | BulkError {
  const contentType = body.contentType ?? 'CSV';
  if (contentType !== 'CSV') return invalidJob(`Unsupported contentType: ${scalarText(contentType)}; Bulk API 2.0 takes CSV`);
  const columnDelimiter = body.columnDelimiter ?? 'COMMA';
  if (typeof columnDelimiter !== 'string' || !Object.hasOwn(COLUMN_DELIMITERS, columnDelimiter)) {
    return invalidJob(`Invalid columnDelimiter: ${scalarText(columnDelimiter)}; use one of ${Object.keys(COLUMN_DELIMITERS).join(', ')}`);
  }
  const lineEnding = body.lineEnding ?? 'LF';
  if (typeof lineEnding !== 'string' || !Object.hasOwn(LINE_ENDINGS, lineEnding)) return invalidJob(`Invalid lineEnding: ${scalarText(lineEnding)}; use LF or CRLF`);
  return { columnDelimiter: columnDelimiter as CsvDialect['columnDelimiter'], lineEnding: lineEnding as CsvDialect['lineEnding'] };
}

/** Check an ingest job definition against the org's objects. */
export function ingestSpec(org: SandboxOrg, body: Record<string, unknown>): IngestSpec | BulkError {
  const operation = text(body.operation);
  if (!operation || !INGEST_OPERATIONS.includes(operation as IngestOperation)) {
    return invalidJob(`Invalid operation: ${String(body.operation)}; use one of ${INGEST_OPERATIONS.join(', ')}`);
  }
  const objectName = text(body.object);
  const schema = objectName === undefined ? undefined : org.catalogue.get(objectName);
  if (!schema) return invalidJob(`sObject type '${String(body.object)}' is not supported.`);
  const dialect = dialectOf(body);
  if ('errorCode' in dialect) return dialect;
  const spec: IngestSpec = { operation: operation as IngestOperation, schema, dialect };
  if (operation !== 'upsert') return spec;
  const extName = text(body.externalIdFieldName);
  if (!extName) return invalidJob('External ID field name is required for the upsert operation');
  const field = schema.field(extName);
  if (!field || (field.name !== 'Id' && !field.externalId)) {
    return invalidJob(`Field name provided, ${extName} is not an External ID or indexed field for ${schema.name}`);
  }
  return { ...spec, externalIdFieldName: field.name };
}

/** Check a query job definition (operation, SOQL present, dialect). */
export function querySpec(body: Record<string, unknown>): QuerySpec | BulkError {
  const operation = text(body.operation) ?? 'query';
  if (!QUERY_OPERATIONS.includes(operation as QueryOperation)) return invalidJob(`Invalid operation: ${operation}; use query or queryAll`);
  const query = text(body.query);
  if (query === undefined || query.trim() === '') return invalidJob('A query string has to be specified');
  const dialect = dialectOf(body);
  if ('errorCode' in dialect) return dialect;
  return { operation: operation as QueryOperation, query, dialect };
}
