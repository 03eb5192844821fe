import { request as httpRequest } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_BODY_LIMIT } from '../app.ts';
import type { OrgInfo } from '../types.ts';
import type { RunningSandbox } from '../start.ts';
import { bulkRequest, connect, openIngestJob, setState, startBulkSandbox } from './test-support.ts';
import { MAX_UPLOAD_BASE64_BYTES, MAX_UPLOAD_RAW_BYTES, base64Length } from './upload.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startBulkSandbox();
});
afterAll(() => sandbox.close());

const MiB = 1024 * 1024;

// A full collection before each reading, so garbage waiting for the collector is not taken for kept data.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Stream `total` bytes of CSV (a header, then repeated rows) to a job; resolve with the answer and how much was written. */
function streamUpload(org: OrgInfo, jobId: string, total: number, declareLength: boolean): Promise<{ status: number; body: string; written: number; wroteAll: boolean }> {
  const header = Buffer.from('Name,Description\n');
  const row = Buffer.from(`Row,${'x'.repeat(1019)}\n`); // 1 KiB per row
  const piece = Buffer.concat(Array.from({ length: 1024 }, () => row)); // 1 MiB
  return new Promise((resolve, reject) => {
    let written = 0;
    let wroteAll = false;
    const headers: Record<string, string | number> = { authorization: `Bearer ${org.accessToken}`, 'content-type': 'text/csv' };
    if (declareLength) headers['content-length'] = total;
    const req = httpRequest(`${org.instanceUrl}/services/data/v62.0/jobs/ingest/${jobId}/batches`, { method: 'PUT', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), written, wroteAll }));
    });
    req.on('error', reject);
    const write = (): void => {
      while (written < total) {
        const next = written === 0 ? header : piece.subarray(0, Math.min(piece.length, total - written));
        written += next.length;
        if (!req.write(next)) return void req.once('drain', write);
      }
      req.end(() => {
        wroteAll = true;
      });
    };
    write();
  });
}

describe('job data size limit (150 MB of base64 per upload)', () => {
  it('is 150 MiB of base64, i.e. 117,964,800 raw bytes', () => {
    expect(MAX_UPLOAD_RAW_BYTES).toBe(117_964_800);
    expect(base64Length(MAX_UPLOAD_RAW_BYTES)).toBe(MAX_UPLOAD_BASE64_BYTES);
    expect(base64Length(MAX_UPLOAD_RAW_BYTES + 1)).toBeGreaterThan(MAX_UPLOAD_BASE64_BYTES);
  });

  it('accepts a streamed upload larger than the sandbox’s JSON body limit and processes it', async () => {
    const { org } = connect(sandbox);
    const id = await openIngestJob(org, { object: 'Account', operation: 'insert' });
    const total = SANDBOX_BODY_LIMIT + MiB;
    const sent = await streamUpload(org, id, total, false);
    expect([sent.status, sent.wroteAll]).toEqual([201, true]);
    await setState(org, 'ingest', id, 'UploadComplete');
    await bulkRequest(org, `/jobs/ingest/${id}`);
    const info = (await bulkRequest(org, `/jobs/ingest/${id}`)).json();
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: Math.ceil((total - 17) / 1024), numberRecordsFailed: 0 });
  });

  for (const declareLength of [false, true]) {
    it(`refuses an oversize upload only after reading all of it, without keeping it (${declareLength ? 'Content-Length' : 'chunked'})`, async () => {
      const { org } = connect(sandbox);
      const id = await openIngestJob(org, { object: 'Account', operation: 'insert' });
      collectGarbage();
      const before = process.memoryUsage();
      const total = MAX_UPLOAD_RAW_BYTES + 4 * MiB;
      const sent = await streamUpload(org, id, total, declareLength);
      collectGarbage();
      const after = process.memoryUsage();
      expect(sent.status).toBe(413);
      expect(JSON.parse(sent.body)).toEqual([{ errorCode: 'EXCEEDED_MAX_SIZE_REQUEST', message: `Job data exceeds the maximum of ${MAX_UPLOAD_BASE64_BYTES} bytes of base64-encoded content per upload` }]);
      // The whole body was written (the server answered after reading it, not by resetting the socket).
      expect([sent.written, sent.wroteAll]).toEqual([total, true]);
      // Nothing of the ~117 MiB was kept: this process (client and server) grew by far less.
      expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(64 * MiB);
      expect(after.heapUsed - before.heapUsed).toBeLessThan(64 * MiB);
      // The job is still open for a valid upload.
      const retry = await bulkRequest(org, `/jobs/ingest/${id}/batches`, { method: 'PUT', body: 'Name\nA\n', headers: { 'content-type': 'text/csv' } });
      expect(retry.status).toBe(201);
    });
  }
});
