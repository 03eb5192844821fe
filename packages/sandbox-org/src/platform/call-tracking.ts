/**
 * Root hooks that note every request under /services/ and write it to the ground truth when its
 * connection is done, whatever happened: answered, refused, failed, or cut by a hang fault.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { SF_JSON } from '../errors.ts';
import type { Org } from './orgs.ts';
import type { SandboxState } from './sandbox-state.ts';

/** What the platform learns about one request while serving it. */
export interface CallNote {
  readonly time: number;
  readonly method: string;
  readonly path: string;
  /** The raw query string (without `?`) when the URL had one. */
  readonly query: string | undefined;
  readonly client: string | null;
  /** Set once the request is tied to an org (by token, or by client id on the token endpoint). */
  org: Org | undefined;
  counted: boolean;
  /** DailyApiRequests counted so far: 1 once the gate counts it, more for each extra Composite Batch subrequest. */
  units: number;
  /** True while the call occupies one of its org's in-flight slots. */
  holdsSlot: boolean;
  /** Set once written to the ground truth. */
  recorded: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    sandboxCall: CallNote | null;
  }
}

/** The `client=` option of a `Sforce-Call-Options` header (`client=NAME, defaultNamespace=x`). */
export function callOptionsClient(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return null;
  const match = /(?:^|,)\s*client=([^,]*)/i.exec(value);
  return match?.[1]?.trim() || null;
}

const NOTE = Symbol('sandbox.call');
type NotedRequest = IncomingMessage & { [NOTE]?: CallNote };

/**
 * Note a request under /services/ (once) and record it when its response closes. Called by the
 * server before Fastify routes (so even URLs Fastify rejects while routing are recorded) and again,
 * idempotently, from an onRequest hook (so `inject()` is recorded too).
 */
export function noteRequest(state: SandboxState, req: IncomingMessage, res: ServerResponse): CallNote | null {
  const raw = req as NotedRequest;
  const existing = raw[NOTE];
  if (existing) return existing;
  const url = req.url ?? '';
  if (!url.startsWith('/services/')) return null;
  const query = url.indexOf('?');
  const note: CallNote = {
    time: state.clock.now(),
    method: req.method ?? 'GET',
    path: query === -1 ? url : url.slice(0, query),
    query: query === -1 ? undefined : url.slice(query + 1),
    client: callOptionsClient(req.headers['sforce-call-options']),
    org: undefined,
    counted: false,
    units: 0,
    holdsSlot: false,
    recorded: false,
  };
  raw[NOTE] = note;
  // 'close' fires once for every outcome, including a socket destroyed by a hang fault.
  res.once('close', () => finishCall(state, note, res));
  return note;
}

/** Install the ground-truth hook and Salesforce's exact JSON content type on /services/ answers. */
export function trackCalls(app: FastifyInstance, state: SandboxState): void {
  app.decorateRequest('sandboxCall', null);
  app.addHook('onRequest', (request, reply, done) => {
    request.sandboxCall = noteRequest(state, request.raw, reply.raw);
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    // jsforce only parses JSON when the type matches; Salesforce writes it without a space.
    if (request.sandboxCall) {
      const type = reply.getHeader('content-type');
      if (typeof type === 'string' && type.startsWith('application/json')) reply.header('content-type', SF_JSON);
    }
    done(null, payload);
  });
}

/**
 * Write a call to the ground truth now (idempotent). The hang fault calls it before destroying the
 * socket: the client may see the reset before the server's 'close' event runs.
 */
export function finishCall(state: SandboxState, note: CallNote, res: ServerResponse): void {
  if (note.recorded) return;
  note.recorded = true;
  const org = note.org;
  if (org && note.holdsSlot) org.inFlight--;
  const call = {
    method: note.method,
    path: note.path,
    ...(note.query === undefined ? {} : { query: note.query }),
    orgId: org?.orgId ?? null,
    status: res.headersSent ? res.statusCode : 0,
    counted: note.counted,
    units: note.units,
    client: note.client,
    time: note.time,
  };
  if (org && state.orgs.get(org.orgId) === org) org.log.record(call);
  else state.unattributed.record(call);
}
