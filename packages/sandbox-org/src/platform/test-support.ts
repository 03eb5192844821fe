/**
 * Helpers for the platform's tests: a stand-in data part (so these tests do not depend on data/),
 * a sandbox on a manual clock, an independent count of the HTTP requests a test sends, and a
 * plain HTTP client for the requests jsforce would never send.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import { ManualClock } from '../clock.ts';
import { sendNotFound } from '../errors.ts';
import { startSandbox, type RunningSandbox } from '../start.ts';
import type { CreateOrgData, OrgData } from '../types.ts';
import { newSalesforceId } from './ids.ts';

/** A minimal OrgData: records kept per object name, ids with the Lead prefix. */
export const standInOrgData: CreateOrgData = () => {
  const records = new Map<string, Record<string, unknown>[]>();
  const data: OrgData = {
    describe: (name) => ({ name, fields: [{ name: 'Id', type: 'id' }] }),
    records: (name) => records.get(name) ?? [],
    seed(object, input) {
      if (!/^[A-Za-z]\w*$/.test(object)) return { error: { errorCode: 'NOT_FOUND', message: `no object ${object}` } };
      const list = records.get(object) ?? [];
      records.set(object, list);
      const ids = input.map((record) => {
        const id = newSalesforceId('00Q');
        list.push({ ...record, Id: id });
        return id;
      });
      return { ids };
    },
    addCustomField: (spec) => (spec.object === 'Nope' ? { error: { errorCode: 'INVALID_TYPE', message: 'no such object' } } : { ok: true }),
    count: (object) => records.get(object)?.length ?? 0,
    clear: () => records.clear(),
  };
  return data;
};

/** Stand-in routes: create and read a record, enough to exercise bodies, 201s and 404s. */
export const standInDataRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Params: { object: string } }>('/sobjects/:object', async (request, reply) => {
    const result = request.sandbox.data.seed(request.params.object, [request.body as Record<string, unknown>]);
    if ('error' in result) return reply.code(400).send([result.error]);
    return reply.code(201).send({ id: result.ids[0], success: true, errors: [] });
  });
  app.get<{ Params: { object: string; id: string } }>('/sobjects/:object/:id', async (request, reply) => {
    const found = [...request.sandbox.data.records(request.params.object)].find((r) => r.Id === request.params.id);
    return found ? reply.send(found) : sendNotFound(reply);
  });
  app.get('/whoami', async (request) => ({ ...request.sandbox, data: undefined, clock: request.sandbox.clock.now() }));
};

/** A sandbox with the stand-in data part on a manual clock. */
export async function startTestSandbox(options: { controlKey?: string; clock?: ManualClock } = {}): Promise<RunningSandbox & { clock: ManualClock }> {
  const clock = options.clock ?? new ManualClock();
  const sandbox = await startSandbox({ clock, controlKey: options.controlKey, createOrgData: standInOrgData, dataRoutes: standInDataRoutes });
  return { ...sandbox, clock };
}

/** Counts, on the client side, every HTTP request node:http starts towards `baseUrl` (jsforce included). */
export class RequestCounter {
  readonly requests: { method: string; path: string }[] = [];
  private readonly host: string;
  private readonly listener = (message: unknown): void => {
    const request = (message as { request: ClientRequest }).request;
    if (request.getHeader('host') === this.host) this.requests.push({ method: request.method, path: request.path.split('?')[0] ?? '' });
  };

  constructor(baseUrl: string) {
    this.host = new URL(baseUrl).host;
    subscribe('http.client.request.start', this.listener);
  }

  /** Requests seen so far. */
  get count(): number {
    return this.requests.length;
  }

  /** Requests seen to paths under /services/ (what the ground truth records). */
  get servicesCount(): number {
    return this.requests.filter((r) => r.path.startsWith('/services/')).length;
  }

  /** Stop counting. */
  dispose(): void {
    unsubscribe('http.client.request.start', this.listener);
  }
}

/** A raw answer. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: () => unknown;
}

/** One HTTP request with node:http (so RequestCounter sees it); rejects when the socket dies. */
export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A JSON request with a bearer token. */
export function apiRequest(url: string, token: string | undefined, options: { method?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  let body = options.body;
  if (options.json !== undefined) body = JSON.stringify(options.json);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  return rawRequest(url, { method: options.method, headers, body });
}
