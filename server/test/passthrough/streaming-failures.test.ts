/**
 * The passthrough's streams when something breaks: a client that goes away mid-download closes the
 * request to Salesforce; Salesforce breaking off mid-answer breaks the client's response (no hang);
 * a session refused during a streamed upload renews the session and answers a retryable 503 in
 * Salesforce's shape, while a small body is replayed as before.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { connectedOrg, limiterTotal } from '../support/api.ts';
import { useStack } from '../support/stack.ts';
import { sandboxDataCalls } from './support.ts';

const MiB = 1024 * 1024;

describe('passthrough streams under failure', () => {
  const stack = useStack();
  const base = (orgId: string): string => `${stack.api.url}/v1/orgs/${orgId}/salesforce/services/data/v62.0`;
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${stack.api.adminKey}` });

  /** Calls `onRequest` with the sandbox's request and response for each request whose URL contains `part`. */
  function watchSandbox(part: string, onRequest: (request: IncomingMessage, response: ServerResponse) => void): () => void {
    const listener = (request: IncomingMessage, response: ServerResponse): void => {
      if (request.url?.includes(part)) onRequest(request, response);
    };
    stack.sandbox.server.on('request', listener);
    return () => void stack.sandbox.server.off('request', listener);
  }

  /** GET through the passthrough with node:http; resolves with the response as its headers arrive. */
  function get(url: string): Promise<{ request: http.ClientRequest; response: IncomingMessage }> {
    return new Promise((resolve, reject) => {
      const request = http.get(url, { headers: auth(), agent: false }, (response) => resolve({ request, response }));
      request.on('error', reject);
    });
  }

  async function openJob(orgId: string): Promise<string> {
    const job = await fetch(`${base(orgId)}/jobs/ingest`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ object: 'Account', operation: 'insert', lineEnding: 'LF' }),
    });
    expect(job.status).toBe(200);
    return ((await job.json()) as { id: string }).id;
  }

  const csv = (bytes: number): string => `Name\n${'Acme\n'.repeat(Math.ceil(bytes / 5))}`;
  const upload = (orgId: string, jobId: string, body: string): Promise<Response> => fetch(`${base(orgId)}/jobs/ingest/${jobId}/batches`, { method: 'PUT', headers: { ...auth(), 'content-type': 'text/csv' }, body });

  it('closes the download from Salesforce when the client goes away mid-answer', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    const { id } = stack.sandbox.control.addContentVersion(sf.orgId, { title: 'big.bin', sizeBytes: 512 * MiB });
    const upstreamClosed = new Promise<{ finished: boolean }>((resolve) => {
      const stop = watchSandbox('/VersionData', (_request, response) =>
        response.once('close', () => {
          stop();
          resolve({ finished: response.writableFinished });
        }),
      );
    });

    const { request, response } = await get(`${base(orgId)}/sobjects/ContentVersion/${id}/VersionData`);
    expect(response.statusCode).toBe(200);
    let received = 0;
    await new Promise<void>((resolve) =>
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > 8 * MiB) resolve();
      }),
    );
    request.destroy();

    // The sandbox's answer was cut short: the API closed its request instead of reading 512 MiB into nothing.
    expect(await upstreamClosed).toEqual({ finished: false });
    expect((await fetch(`${base(orgId)}/limits`, { headers: auth() })).status).toBe(200);
  });

  it('closes the upload to Salesforce when the client goes away mid-body', async () => {
    const { orgId } = await connectedOrg(stack.api, stack.sandbox);
    const jobId = await openJob(orgId);
    let sandboxReceived = 0;
    const upstreamClosed = new Promise<{ complete: boolean }>((resolve) => {
      const stop = watchSandbox(`/jobs/ingest/${jobId}/batches`, (request) => {
        request.on('data', (chunk: Buffer) => (sandboxReceived += chunk.length));
        request.once('close', () => {
          stop();
          resolve({ complete: request.complete });
        });
      });
    });

    const request = http.request(`${base(orgId)}/jobs/ingest/${jobId}/batches`, { method: 'PUT', headers: { ...auth(), 'content-type': 'text/csv', 'content-length': String(64 * MiB) }, agent: false });
    request.on('error', () => undefined);
    request.write(csv(4 * MiB));
    // Once the sandbox has had some of it, the client disappears.
    while (sandboxReceived < 2 * MiB) await new Promise((resolve) => setImmediate(resolve));
    request.destroy();

    expect(await upstreamClosed).toEqual({ complete: false });
    expect(sandboxReceived).toBeLessThan(64 * MiB);
  });

  it('breaks the client response when Salesforce breaks off mid-answer, instead of leaving it hanging', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    const { id } = stack.sandbox.control.addContentVersion(sf.orgId, { title: 'cut.bin', sizeBytes: 64 * MiB });
    const stop = watchSandbox('/VersionData', (request, response) => {
      let written = 0;
      const write = response.write.bind(response) as (chunk: Buffer, ...rest: unknown[]) => boolean;
      response.write = ((chunk: Buffer, ...rest: unknown[]) => {
        written += chunk.length;
        // 4 MiB in, the connection drops, as a Salesforce node restarting would.
        if (written > 4 * MiB) request.socket.destroy();
        return write(chunk, ...rest);
      }) as typeof response.write;
    });

    const { response } = await get(`${base(orgId)}/sobjects/ContentVersion/${id}/VersionData`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-length']).toBe(String(64 * MiB));
    let received = 0;
    const outcome = await new Promise<string>((resolve) => {
      response.on('data', (chunk: Buffer) => (received += chunk.length));
      response.on('end', () => resolve('complete'));
      response.on('error', (error: NodeJS.ErrnoException) => resolve(`broken: ${error.code ?? error.message}`));
    });
    stop();

    expect(outcome).toMatch(/^broken/);
    expect(received).toBeLessThan(64 * MiB);
  });

  it('answers a session refused during a streamed upload with a retryable 503 in Salesforce’s shape; the retry goes through', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    const jobId = await openJob(orgId);
    const logins = (): number => stack.sandbox.control.groundTruth(sf.orgId).calls.filter((c) => c.path === '/services/oauth2/token').length;
    const before = { logins: logins(), limiter: await limiterTotal(stack.api, orgId), sandbox: sandboxDataCalls(stack.sandbox, sf.orgId) };
    stack.sandbox.control.addFault(sf.orgId, { kind: 'invalid-session', count: 1 });

    // Over 1 MiB: streamed, so it cannot be replayed once Salesforce refused it.
    const refused = await upload(orgId, jobId, csv(3 * MiB));

    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(await refused.json()).toMatchObject([{ errorCode: 'SERVER_UNAVAILABLE' }]);
    expect(logins() - before.logins).toBe(1);
    await stack.api.services.settled();
    // Salesforce did not count the 401; neither did we.
    expect(await limiterTotal(stack.api, orgId)).toBe(before.limiter);
    expect(sandboxDataCalls(stack.sandbox, sf.orgId).statuses.slice(before.sandbox.total)).toEqual([401]);

    const retried = await upload(orgId, jobId, csv(3 * MiB));
    expect(retried.status).toBe(201);
    expect(logins() - before.logins).toBe(1);
  });

  it('replays a small upload transparently after renewing the session, as before', async () => {
    const { orgId, sf } = await connectedOrg(stack.api, stack.sandbox);
    const jobId = await openJob(orgId);
    const before = sandboxDataCalls(stack.sandbox, sf.orgId).total;
    stack.sandbox.control.addFault(sf.orgId, { kind: 'invalid-session', count: 1 });

    const answer = await upload(orgId, jobId, csv(64 * 1024));

    expect(answer.status).toBe(201);
    expect(sandboxDataCalls(stack.sandbox, sf.orgId).statuses.slice(before)).toEqual([401, 201]);
  });
});
