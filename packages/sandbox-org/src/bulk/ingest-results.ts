/**
 * The three result files of an ingest job, written as Salesforce writes them and streamed: the
 * kept upload is re-read row by row and joined with each row's outcome, so a large job's results
 * never sit in memory as one string.
 *   successfulResults:   "sf__Id","sf__Created",<the uploaded header>
 *   failedResults:       "sf__Id","sf__Error",<the uploaded header>
 *   unprocessedrecords:  <the uploaded header>            (rows the job never got to)
 */
import { Readable } from 'node:stream';
import { csvLine, headerName, quoted } from './csv-format.ts';
import type { IngestJob } from './jobs.ts';
import { uploadedRows } from './upload.ts';

export type ResultKind = 'successfulResults' | 'failedResults' | 'unprocessedrecords';

const SF_COLUMNS: Record<ResultKind, string[]> = {
  successfulResults: ['sf__Id', 'sf__Created'],
  failedResults: ['sf__Id', 'sf__Error'],
  unprocessedrecords: [],
};

/** Lines are handed to the socket in pieces of about this many characters. */
const PIECE = 64 * 1024;

/** The lines of one result file for a job, header first. */
function* resultLines(job: IngestJob, kind: ResultKind): Generator<string> {
  const dialect = job.dialect;
  const outcomes = job.outcomes;
  if (!job.upload) {
    yield csvLine(SF_COLUMNS[kind].map(quoted), dialect);
    return;
  }
  let index = -1;
  for (const row of uploadedRows(job.upload, dialect)) {
    if (index === -1) {
      yield csvLine([...SF_COLUMNS[kind].map(quoted), ...row.map((name) => headerName(name, dialect))], dialect);
    } else {
      const processed = outcomes !== undefined && index < outcomes.ids.length;
      const error = processed ? outcomes.errors[index] : undefined;
      if (kind === 'unprocessedrecords' && !processed) yield csvLine(row.map(quoted), dialect);
      if (kind === 'successfulResults' && processed && error === undefined) {
        yield csvLine([quoted(outcomes.ids[index]!), quoted(outcomes.created[index] === 1 ? 'true' : 'false'), ...row.map(quoted)], dialect);
      }
      if (kind === 'failedResults' && processed && error !== undefined) {
        yield csvLine([quoted(outcomes.ids[index]!), quoted(error), ...row.map(quoted)], dialect);
      }
    }
    index++;
  }
}

/** A stream of one result file, in pieces. */
export function resultStream(job: IngestJob, kind: ResultKind): Readable {
  function* pieces(): Generator<string> {
    let piece = '';
    for (const line of resultLines(job, kind)) {
      piece += line;
      if (piece.length >= PIECE) {
        yield piece;
        piece = '';
      }
    }
    if (piece !== '') yield piece;
  }
  return Readable.from(pieces(), { objectMode: false });
}
