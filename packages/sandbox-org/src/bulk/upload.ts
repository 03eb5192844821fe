/**
 * Reading one job-data upload (`PUT …/jobs/ingest/{id}/batches`) off the socket as a stream: each
 * chunk is counted, stored as received (upload-store.ts) and fed to the CSV reader, so the body
 * is never one string and a large one never sits in memory.
 *
 * Size limit, from Salesforce's "Upload Job Data" reference
 * (developer.salesforce.com/docs/platform/api-asynch/guide/upload-job-data.md): "A request can
 * provide CSV data that does not in total exceed 150 MB of base64 encoded content. When job data is
 * uploaded, it is converted to base64 … upload data that does not exceed 100 MB." So the hard limit
 * is on the base64 size: 150 MiB of base64 is 117,964,800 raw bytes; 100 MB is only the advice.
 * An upload over it is still read to its end (and dropped as it arrives), so the client gets the
 * refusal instead of a reset connection, and the sandbox's memory does not grow with it.
 */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { uploadTooLarge, type BulkError } from './bulk-errors.ts';
import { COLUMN_DELIMITERS, type CsvDialect } from './csv-format.ts';
import { CsvReader, CsvSyntaxError } from './csv-reader.ts';
import type { UploadedData } from './jobs.ts';
import { UploadSink, storedChunks } from './upload-store.ts';

/** The most base64-encoded bytes one upload may amount to (150 MiB). */
export const MAX_UPLOAD_BASE64_BYTES = 150 * 1024 * 1024;

/** Size of `bytes` raw bytes once base64-encoded. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/** The largest raw upload whose base64 form fits the limit (117,964,800 bytes). */
export const MAX_UPLOAD_RAW_BYTES = (MAX_UPLOAD_BASE64_BYTES / 4) * 3;

/** A received upload, or why it is refused. */
export type UploadResult = { ok: true; data: UploadedData } | { ok: false; error: BulkError; bytesRead: number };

/** Read the stream to its end and return it as kept bytes (or the size refusal). */
export async function readUpload(body: Readable, dialect: CsvDialect, declaredLength: number | undefined): Promise<UploadResult> {
  let bytes = 0;
  let tooLarge = declaredLength !== undefined && declaredLength > MAX_UPLOAD_RAW_BYTES;
  const sink = new UploadSink();
  let rows = 0;
  let syntaxError: string | undefined;
  const decoder = new StringDecoder('utf8');
  const reader = new CsvReader(COLUMN_DELIMITERS[dialect.columnDelimiter], () => {
    rows++;
  });
  const parse = (text: string, last = false): void => {
    if (syntaxError !== undefined) return;
    try {
      reader.push(text);
      if (last) reader.end();
    } catch (e) {
      if (!(e instanceof CsvSyntaxError)) throw e;
      syntaxError = e.message;
    }
  };

  try {
    for await (const chunk of body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      bytes += buffer.length;
      if (!tooLarge && bytes > MAX_UPLOAD_RAW_BYTES) {
        tooLarge = true;
        sink.discard();
      }
      // Over the limit: keep reading so the client sees our answer, but drop every byte at once.
      if (tooLarge) continue;
      sink.write(buffer);
      parse(decoder.write(buffer));
    }
  } catch (e) {
    // The client went away mid-upload: drop what was stored.
    sink.discard();
    throw e;
  }
  if (tooLarge) return { ok: false, error: uploadTooLarge(MAX_UPLOAD_BASE64_BYTES), bytesRead: bytes };
  parse(decoder.end(), true);
  // The header is a row of the file but not a record.
  const records = Math.max(0, rows - 1);
  return { ok: true, data: { stored: sink.finish(), bytes, rows: records, ...(syntaxError === undefined ? {} : { syntaxError }) } };
}

/** The rows of kept upload bytes (header first), read one received chunk at a time. */
export function* uploadedRows(data: UploadedData, dialect: CsvDialect): Generator<string[]> {
  const decoder = new StringDecoder('utf8');
  let pending: string[][] = [];
  const reader = new CsvReader(COLUMN_DELIMITERS[dialect.columnDelimiter], (row) => pending.push(row));
  const drain = function* (): Generator<string[]> {
    const rows = pending;
    pending = [];
    yield* rows;
  };
  for (const chunk of storedChunks(data.stored)) {
    reader.push(decoder.write(chunk));
    yield* drain();
  }
  reader.push(decoder.end());
  reader.end();
  yield* drain();
}
