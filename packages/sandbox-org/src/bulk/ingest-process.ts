/**
 * Processing an ingest job once its upload is complete: resolve the header against the object,
 * then apply every row in order, keeping only a compact outcome per row (the row itself stays in
 * the kept upload bytes and is re-read when results are written).
 */
import type { FieldDef } from '../data/fields.ts';
import type { SandboxOrg } from '../data/org-data.ts';
import { applyRow, type RowContext } from './ingest-row.ts';
import type { IngestJob, RowOutcomes } from './jobs.ts';
import { uploadedRows } from './upload.ts';

/** The header's fields, or why the whole job fails (in Salesforce's `InvalidBatch : …` wording). */
function resolveHeader(org: SandboxOrg, job: IngestJob, header: readonly string[]): { ctx: RowContext } | { failure: string } {
  const schema = org.catalogue.get(job.object)!;
  const columns: FieldDef[] = [];
  for (const [i, raw] of header.entries()) {
    // A byte order mark is an encoding artefact, not part of the first field's name.
    const name = (i === 0 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    const f = schema.field(name);
    if (!f) return { failure: `InvalidBatch : Field name not found : ${name}` };
    if (columns.includes(f)) return { failure: `InvalidBatch : Duplicate field name : ${name}` };
    columns.push(f);
  }
  let externalId: FieldDef | undefined;
  if (job.operation === 'upsert') {
    externalId = schema.field(job.externalIdFieldName ?? '');
    if (!externalId || !columns.includes(externalId)) return { failure: `InvalidBatch : Field name not found : ${job.externalIdFieldName ?? ''}` };
  }
  return { ctx: { org, schema, operation: job.operation, columns, ...(externalId ? { externalId } : {}) } };
}

/** Apply the job's rows to the org's records; sets the job's outcome, counters and final state. */
export function processIngest(org: SandboxOrg, job: IngestJob): void {
  const syntaxError = job.upload?.syntaxError;
  if (syntaxError !== undefined) {
    job.state = 'Failed';
    job.errorMessage = `InvalidBatch : ${syntaxError}`;
    return;
  }
  const outcomes: RowOutcomes = { ids: [], created: new Uint8Array(0), errors: [] };
  const created: number[] = [];
  let ctx: RowContext | undefined;
  let failure: string | undefined;
  let failed = 0;
  if (job.upload) {
    for (const row of uploadedRows(job.upload, job.dialect)) {
      if (!ctx) {
        const header = resolveHeader(org, job, row);
        if ('failure' in header) {
          failure = header.failure;
          break;
        }
        ctx = header.ctx;
        continue;
      }
      const result = applyRow(ctx, row);
      outcomes.ids.push(result.id);
      if (result.ok) {
        if (result.created) created.push(outcomes.ids.length - 1);
        outcomes.errors.push(undefined);
      } else {
        failed++;
        outcomes.errors.push(result.error);
      }
    }
  }
  // The writes above ran outside any request's transaction: nothing can roll them back, so the
  // undo journal is dropped (as seeding does) instead of growing with every row.
  org.store.release(0);
  if (failure !== undefined) {
    job.state = 'Failed';
    job.errorMessage = failure;
    return;
  }
  outcomes.created = new Uint8Array(outcomes.ids.length);
  for (const i of created) outcomes.created[i] = 1;
  job.outcomes = outcomes;
  job.numberRecordsProcessed = outcomes.ids.length;
  job.numberRecordsFailed = failed;
  job.state = 'JobComplete';
}
