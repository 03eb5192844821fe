/**
 * Acceptance (issue 11): one tenant's large transfer cannot take the API down for everyone. The API
 * runs in its own process; its resident memory is sampled from /proc while a 600 MiB file download
 * (Salesforce Files' VersionData) and a 200 MiB Bulk 2.0 CSV upload go through the passthrough.
 * Each must keep the growth under 64 MiB, deliver every byte (hashed at both ends), and leave the
 * process serving another tenant while it is under way.
 */
import { createHash, type Hash } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectedOrg, type RunningApi } from '../support/api.ts';
import { startApiProcess, type ApiProcess } from '../support/api-process.ts';
import { contentVersionBytes, startSandbox, type RunningSandbox } from '../support/sandbox.ts';

const MiB = 1024 * 1024;
const GROWTH_LIMIT = 64 * MiB;
const DOWNLOAD_BYTES = 600 * MiB;
const UPLOAD_BYTES = 200 * MiB;

let sandbox: RunningSandbox;
let api: ApiProcess;
let big: { orgId: string; sf: { orgId: string } };
let other: { orgId: string };

beforeAll(async () => {
  sandbox = await startSandbox();
  // A long request deadline: Node's requestTimeout bounds the whole upload, not its silences.
  api = await startApiProcess({ redisUrl: inject('redisUrl'), env: { REQUEST_TIMEOUT_MS: '600000' } });
  const asApi = { url: api.url, adminKey: api.adminKey } as RunningApi;
  big = await connectedOrg(asApi, sandbox);
  other = await connectedOrg(asApi, sandbox);
}, 60_000);
afterAll(async () => {
  await api?.stop();
  await sandbox?.close();
});

const base = (orgId: string): string => `${api.url}/v1/orgs/${orgId}/salesforce/services/data/v62.0`;
const auth = (): Record<string, string> => ({ authorization: `Bearer ${api.adminKey}` });

/** The highest RSS seen from now until `stop()`, sampled every few milliseconds. */
function sampleRss(): { stop(): number } {
  let max = api.rss();
  const timer = setInterval(() => (max = Math.max(max, api.rss())), 10);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(max, api.rss());
    },
  };
}

/** Another tenant's small counted call through the same process: it must be answered. */
async function otherTenantAnswered(): Promise<number> {
  return (await fetch(`${base(other.orgId)}/limits`, { headers: auth() })).status;
}

async function digest(stream: AsyncIterable<Buffer | Uint8Array>, hash: Hash = createHash('sha256')): Promise<{ sha256: string; bytes: number }> {
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** `total` bytes of CSV for Account: a header, then numbered rows of about 1 KiB, made as read. */
function csv(total: number): Readable {
  const header = Buffer.from('Name,Description\n');
  let made = 0;
  let row = 0;
  return new Readable({
    read() {
      if (made === total) return void this.push(null);
      const piece = made === 0 ? header : Buffer.from(`Row ${++row},${'x'.repeat(1000)}\n`);
      const part = piece.subarray(0, Math.min(piece.length, total - made));
      made += part.length;
      this.push(part);
    },
  });
}

describe('the passthrough streams large transfers in bounded memory', () => {
  it('passes a 600 MiB VersionData download byte for byte, RSS growth < 64 MiB, serving another tenant meanwhile', async () => {
    const { id } = sandbox.control.addContentVersion(big.sf.orgId, { title: 'large.bin', sizeBytes: DOWNLOAD_BYTES });
    // Warm the path up (modules, JIT, sockets), so the baseline is the process at work.
    const small = sandbox.control.addContentVersion(big.sf.orgId, { title: 'small.bin', sizeBytes: 4 * MiB }).id;
    await (await fetch(`${base(big.orgId)}/sobjects/ContentVersion/${small}/VersionData`, { headers: auth() })).arrayBuffer();
    expect(await otherTenantAnswered()).toBe(200);
    const expected = digest(contentVersionBytes(id, DOWNLOAD_BYTES));
    const before = api.rss();
    const rss = sampleRss();

    const response = await fetch(`${base(big.orgId)}/sobjects/ContentVersion/${id}/VersionData`, { headers: auth() });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-length')).toBe(String(DOWNLOAD_BYTES));
    const reader = response.body!.getReader();
    const hash = createHash('sha256');
    let received = 0;
    let othersServed: number | undefined;
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      hash.update(part.value);
      received += part.value.length;
      // A third of the way in, the download waits (backpressure all the way up) while another tenant is served.
      if (othersServed === undefined && received > DOWNLOAD_BYTES / 3) othersServed = await otherTenantAnswered();
    }
    const peak = rss.stop();

    console.log(`[streaming-memory] download ${DOWNLOAD_BYTES / MiB} MiB: RSS ${(before / MiB).toFixed(1)} → peak ${(peak / MiB).toFixed(1)} MiB (growth ${((peak - before) / MiB).toFixed(1)} MiB)`);
    expect(othersServed).toBe(200);
    expect({ sha256: hash.digest('hex'), bytes: received }).toEqual(await expected);
    expect(peak - before).toBeLessThan(GROWTH_LIMIT);
  }, 300_000);

  it('passes a 200 MiB Bulk 2.0 CSV upload byte for byte, RSS growth < 64 MiB, serving another tenant meanwhile', async () => {
    const job = await fetch(`${base(big.orgId)}/jobs/ingest`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ object: 'Account', operation: 'insert', lineEnding: 'LF' }),
    });
    expect(job.status).toBe(200);
    const { id } = (await job.json()) as { id: string };
    // What the sandbox receives, hashed as its HTTP parser hands the bytes on (the route reads them unchanged).
    const arrived = createHash('sha256');
    let arrivedBytes = 0;
    const spy = (request: IncomingMessage): void => {
      if (!request.url?.includes(`/jobs/ingest/${id}/batches`)) return;
      const push = request.push.bind(request);
      request.push = (chunk: Buffer | null, encoding?: BufferEncoding) => {
        if (chunk) {
          arrived.update(chunk);
          arrivedBytes += chunk.length;
        }
        return push(chunk, encoding);
      };
    };
    sandbox.server.on('request', spy);
    const sent = createHash('sha256');
    let sentBytes = 0;
    let othersServed: number | undefined;
    const source = csv(UPLOAD_BYTES).on('data', (chunk: Buffer) => {
      sent.update(chunk);
      sentBytes += chunk.length;
    });
    const before = api.rss();
    const rss = sampleRss();

    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(`${base(big.orgId)}/jobs/ingest/${id}/batches`, { method: 'PUT', headers: { ...auth(), 'content-type': 'text/csv', 'content-length': String(UPLOAD_BYTES) } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      });
      request.on('error', reject);
      source.on('data', () => {
        if (othersServed !== undefined || sentBytes < UPLOAD_BYTES / 3) return;
        othersServed = -1;
        // The upload waits while another tenant is served.
        source.pause();
        void otherTenantAnswered().then((status) => {
          othersServed = status;
          source.resume();
        }, reject);
      });
      pipeline(source, request).catch(reject);
    });
    const peak = rss.stop();
    sandbox.server.off('request', spy);

    console.log(`[streaming-memory] upload ${UPLOAD_BYTES / MiB} MiB: RSS ${(before / MiB).toFixed(1)} → peak ${(peak / MiB).toFixed(1)} MiB (growth ${((peak - before) / MiB).toFixed(1)} MiB)`);
    expect(othersServed).toBe(200);
    // 200 MiB is over Bulk 2.0's 150 MB base64 limit: the sandbox reads it all, then refuses it, as Salesforce does.
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject([{ errorCode: 'EXCEEDED_MAX_SIZE_REQUEST' }]);
    expect({ sha256: arrived.digest('hex'), bytes: arrivedBytes }).toEqual({ sha256: sent.digest('hex'), bytes: UPLOAD_BYTES });
    expect(sentBytes).toBe(UPLOAD_BYTES);
    expect(peak - before).toBeLessThan(GROWTH_LIMIT);
  }, 300_000);
});
