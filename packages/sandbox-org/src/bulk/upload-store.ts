/**
 * Where an upload's bytes wait for processing. Small uploads stay in memory; past
 * `MEMORY_LIMIT_BYTES` they move to a temporary file, so a sandbox running inside another process
 * (callbudget's embedded mode and tests) never holds a 100 MB upload in that process's memory.
 * The file is unlinked as soon as it is opened: only its descriptor keeps it, so nothing is left
 * behind however the process ends, and its space is freed when the job is deleted.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Uploads up to this size are kept in memory. */
export const MEMORY_LIMIT_BYTES = 4 * 1024 * 1024;

const READ_CHUNK = 64 * 1024;

/** A new anonymous temporary file, open for reading and writing. */
function anonymousFile(): number {
  const path = join(tmpdir(), `sandbox-org-bulk-${process.pid}-${randomBytes(6).toString('hex')}.csv`);
  const fd = openSync(path, 'wx+', 0o600);
  try {
    unlinkSync(path);
  } catch {
    // A platform that cannot unlink an open file (Windows) leaves it in the temporary folder.
  }
  return fd;
}

/** Stored upload bytes: in memory, or in a file. */
export type StoredBytes = { chunks: Buffer[] } | { fd: number };

/** Collects one upload's bytes as they arrive. */
export class UploadSink {
  private chunks: Buffer[] = [];
  private size = 0;
  private fd: number | undefined;

  /** Append the next chunk. */
  write(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.fd === undefined && this.size <= MEMORY_LIMIT_BYTES) {
      this.chunks.push(chunk);
      return;
    }
    if (this.fd === undefined) {
      this.fd = anonymousFile();
      for (const held of this.chunks) writeSync(this.fd, held);
      this.chunks = [];
    }
    writeSync(this.fd, chunk);
  }

  /** The upload is complete: where its bytes are. */
  finish(): StoredBytes {
    if (this.fd === undefined) return { chunks: this.chunks };
    const fd = this.fd;
    this.fd = undefined;
    return { fd };
  }

  /** Drop everything written so far (a refused upload). */
  discard(): void {
    this.chunks = [];
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** The stored bytes again, chunk by chunk. */
export function* storedChunks(bytes: StoredBytes): Generator<Buffer> {
  if ('chunks' in bytes) {
    yield* bytes.chunks;
    return;
  }
  // Positional reads: several readers (processing, each results download) may replay one file.
  for (let position = 0; ;) {
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    const read = readSync(bytes.fd, buffer, 0, READ_CHUNK, position);
    if (read === 0) return;
    position += read;
    yield buffer.subarray(0, read);
  }
}

/** Remove stored bytes that are no longer needed (job deleted). */
export function releaseStored(bytes: StoredBytes): void {
  if ('fd' in bytes) closeSync(bytes.fd);
}
