/**
 * The data API scope, /services/data/:version/...: every call passes the same gate in Salesforce's
 * order (version, session, concurrency, rolling window, injected faults, latency) before the data
 * part's routes see it with `request.sandbox` set.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { SF_JSON, sendNotFound, sendSfError } from '../errors.ts';
import { bearerToken } from './bearer.ts';
import { finishCall } from './call-tracking.ts';
import { toEighteen } from './ids.ts';
import { LATEST_API_VERSION, resourcesMap } from './discovery.ts';
import { replyNotFound } from './http-errors.ts';
import { limitsBody } from './limits.ts';
import type { Org } from './orgs.ts';
import type { SandboxState } from './sandbox-state.ts';

/** Options of the data scope plugin. */
export interface DataScopeOptions {
  state: SandboxState;
  dataRoutes: FastifyPluginAsync;
  /** The instance URL clients must use, for a given request. */
  baseUrl: (request: FastifyRequest) => string;
  /** The root app, to tell 404 from 405. */
  root: FastifyInstance;
}

const VERSION_IN_URL = /^\/services\/data\/v(\d+\.\d)(?=[/?]|$)/;

/** The org whose 15-character id starts a token, if the sandbox has it. */
function orgOfTokenPrefix(state: SandboxState, token: string): Org | undefined {
  const prefix = token.slice(0, 15);
  return /^00D[0-9A-Za-z]{12}$/.test(prefix) && token[15] === '!' ? state.orgs.get(toEighteen(prefix)) : undefined;
}

/** Send the 401 every unusable session gets (and that makes jsforce refresh). */
function invalidSession(reply: FastifyReply): FastifyReply {
  return sendSfError(reply, 401, 'INVALID_SESSION_ID', 'Session expired or invalid');
}

/**
 * Run the gate; answers (and ends the request) itself when the call must not reach the route.
 * `prefix` matches the API's root (its group, if any, is the API version; Apex REST has none).
 */
export async function gate(options: Pick<DataScopeOptions, 'state' | 'baseUrl'>, request: FastifyRequest, reply: FastifyReply, prefix: RegExp = VERSION_IN_URL): Promise<FastifyReply | undefined> {
  const { state } = options;
  const note = request.sandboxCall;
  const version = prefix.exec(request.url);
  if (!note || !version || (prefix === VERSION_IN_URL && !version[1])) return sendNotFound(reply);
  const token = bearerToken(request.headers.authorization);
  const owner = token === undefined ? undefined : state.sessions.resolveAccess(token);
  const org = owner && state.orgs.get(owner.orgId);
  if (!owner || !org) {
    // A dead token still names its org (its first 15 characters): attribute it in the ground truth.
    note.org = token === undefined ? undefined : orgOfTokenPrefix(state, token);
    return invalidSession(reply);
  }
  note.org = org;
  // An injected expired session behaves like a real one: refused before counting.
  if (org.faults.takeInvalidSession()) return invalidSession(reply);
  const cap = org.faults.concurrencyCap();
  if (cap !== undefined && org.inFlight >= cap) {
    return sendSfError(reply, 403, 'REQUEST_LIMIT_EXCEEDED', 'ConcurrentRequests (Concurrent API Requests) Limit exceeded.');
  }
  org.inFlight++;
  note.holdsSlot = true;
  const decision = org.window.tryCount(state.clock.now());
  reply.header('Sforce-Limit-Info', `api-usage=${decision.used}/${decision.max}`);
  if (!decision.admitted) return sendSfError(reply, 403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
  note.counted = true;
  note.units = 1;
  const fault = org.faults.pick(request.method, note.path.slice(version[0].length) || '/');
  if (fault?.kind === 'error')
    return reply
      .code(fault.status)
      .type(SF_JSON)
      .send(JSON.stringify([fault.body]));
  if (fault?.kind === 'redirect') return reply.code(fault.status).header('location', fault.location).send();
  if (fault?.kind === 'hang') {
    // Hold the call, then drop the connection without an answer, as a stuck server behind a proxy does.
    reply.hijack();
    await state.timers.sleep(fault.ms);
    finishCall(state, note, reply.raw);
    request.raw.socket?.destroy();
    return reply;
  }
  if (org.settings.latencyMs > 0) await state.timers.sleep(org.settings.latencyMs);
  request.sandbox = {
    orgId: org.orgId,
    userId: org.userId,
    data: org.data,
    apiVersion: version[1] ?? `${LATEST_API_VERSION}.0`,
    instanceUrl: options.baseUrl(request),
    clock: state.clock,
    countAnotherCall: () => {
      const more = org.window.tryCount(state.clock.now());
      reply.header('Sforce-Limit-Info', `api-usage=${more.used}/${more.max}`);
      if (more.admitted) note.units++;
      return more.admitted;
    },
    limits: () => limitsBody(org.window.usage(state.clock.now())),
  };
  return undefined;
}

/** The /services/data/:version scope: gate, discovery and limits routes, then the data part's routes. */
export const dataScope: FastifyPluginAsync<DataScopeOptions> = async (scope, options) => {
  // The REST API reads JSON (and XML, which the sandbox does not speak): plain text is a 415.
  scope.removeContentTypeParser('text/plain');
  scope.addHook('onRequest', async (request, reply) => {
    const answered = await gate(options, request, reply);
    if (answered) return answered;
  });

  scope.get('/', async (request, reply) => {
    const ctx = request.sandbox;
    const identity = `${ctx.instanceUrl}/id/${ctx.orgId}/${ctx.userId}`;
    return reply.type(SF_JSON).send(resourcesMap(ctx.apiVersion, identity));
  });

  const limits = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const org = options.state.orgs.get(request.sandbox.orgId);
    if (!org) return sendNotFound(reply);
    return reply.type(SF_JSON).send(limitsBody(org.window.usage(options.state.clock.now())));
  };
  scope.get('/limits', limits);
  scope.get('/limits/', limits);

  await scope.register(options.dataRoutes);
  scope.setNotFoundHandler((request, reply) => replyNotFound(options.root, request, reply));
};
