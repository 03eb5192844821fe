/**
 * Helpers of the passthrough tests: a jsforce client pointed at our API, a count of the requests
 * that reached our passthrough (taken at the HTTP server, not from our own code), the sandbox's
 * ground truth of data calls, and a raw HTTP client for requests no real client would send.
 */
import { connect as netConnect } from 'node:net';
import { Connection } from 'jsforce';
import type { HttpResponse } from 'jsforce/lib/types/common.js';
import type { RunningApi } from '../support/api.ts';
import type { RunningSandbox } from '../../src/sandbox/start.ts';

/** jsforce as a CRM's sync would configure it: our passthrough as instance URL, our key as token. */
export function clientFor(api: RunningApi, orgId: string, accessToken = api.adminKey): Connection {
  return new Connection({ instanceUrl: `${api.url}/v1/orgs/${orgId}/salesforce`, accessToken, version: '62.0' });
}

/** Every response jsforce's transport received, for status and header checks. */
export function recordResponses(client: Connection): HttpResponse[] {
  const seen: HttpResponse[] = [];
  const transport = (client as unknown as { _transport: { httpRequest: (...args: unknown[]) => Promise<HttpResponse> } })._transport;
  const original = transport.httpRequest.bind(transport);
  transport.httpRequest = (...args: unknown[]) => {
    const pending = original(...args);
    void Promise.resolve(pending).then((response) => seen.push(response), () => undefined);
    return pending;
  };
  return seen;
}

/** Counts requests to one org's passthrough as they arrive at our HTTP server. */
export function countPassthroughRequests(api: RunningApi, orgId: string): { readonly count: number; readonly urls: string[]; stop(): void } {
  const prefix = `/v1/orgs/${orgId}/salesforce/services/data/`;
  const urls: string[] = [];
  const listener = (request: { url?: string }): void => {
    if (request.url?.startsWith(prefix)) urls.push(request.url);
  };
  api.app.server.on('request', listener);
  return {
    get count() {
      return urls.length;
    },
    urls,
    stop: () => void api.app.server.off('request', listener),
  };
}

/** Data API calls the sandbox received for an org (OAuth logins excluded), and how many it counted. */
export function sandboxDataCalls(sandbox: RunningSandbox, sfOrgId: string): { total: number; counted: number; statuses: number[]; paths: string[] } {
  const calls = sandbox.control.groundTruth(sfOrgId).calls.filter((call) => call.path.startsWith('/services/data/'));
  return { total: calls.length, counted: calls.filter((c) => c.counted).length, statuses: calls.map((c) => c.status), paths: calls.map((c) => c.path) };
}

/** Calls in our limiter's window for an org. */
export async function limiterTotal(api: RunningApi, orgId: string): Promise<number> {
  return (await api.services.limiter.store.snapshot(orgId)).total;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Send one request exactly as written (no URL normalisation, any bytes), and read the answer. */
export function rawRequest(baseUrl: string, head: { method: string; target: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const body = head.body === undefined ? Buffer.alloc(0) : Buffer.from(head.body);
  const lines = [`${head.method} ${head.target} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close'];
  for (const [name, value] of Object.entries(head.headers ?? {})) lines.push(`${name}: ${value}`);
  if (body.length > 0) lines.push(`Content-Length: ${body.length}`);
  const bytes = Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
  return new Promise((resolve, reject) => {
    // Write without half-closing: Node aborts a request whose client ends its side before the answer.
    const socket = netConnect(Number(port), hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [headText = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = headText.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const at = line.indexOf(':');
        if (at > 0) headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers, body: rest.join('\r\n\r\n') });
    });
  });
}
