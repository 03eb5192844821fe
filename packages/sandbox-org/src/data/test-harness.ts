/**
 * A minimal stand-in for the platform, for testing the data routes alone over real HTTP: a
 * Fastify app on 127.0.0.1:0 that mounts `dataRoutes` under `/services/data/:version` and sets
 * `request.sandbox` from the bearer token (token = org id). No auth, limits or faults.
 */
import Fastify from 'fastify';
import { ManualClock } from '../clock.ts';
import { sendNotFound } from '../errors.ts';
import type { SandboxRequestContext } from '../types.ts';
import { SandboxOrg } from './org-data.ts';
import { dataRoutes } from './routes.ts';

export interface HarnessOrg {
  org: SandboxOrg;
  /** Bearer token that reaches this org (its id). */
  accessToken: string;
  /** Requests this org received so far. */
  requests: () => number;
}

export interface DataHarness {
  url: string;
  clock: ManualClock;
  /** A fresh, empty org reachable with its own token. */
  newOrg(): HarnessOrg;
  close(): Promise<void>;
}

const VERSION = /^\/services\/data\/v(\d+\.\d+)/;

/** Start the harness; close it in afterAll. */
export async function startDataHarness(): Promise<DataHarness> {
  const clock = new ManualClock();
  const orgs = new Map<string, { org: SandboxOrg; count: number }>();
  const app = Fastify({ logger: false });
  app.decorateRequest('sandbox', null as unknown as SandboxRequestContext);

  await app.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
        const entry = orgs.get(token);
        const version = VERSION.exec(request.url)?.[1];
        if (!entry || !version) return reply.code(401).send([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
        entry.count += 1;
        request.sandbox = {
          orgId: entry.org.orgId,
          userId: entry.org.userId,
          data: entry.org,
          apiVersion: version,
          instanceUrl: `http://${request.host}`,
          clock,
          // No window here: every Composite Batch subrequest is one more request the org received.
          limits: () => ({}),
          countAnotherCall: () => {
            entry.count += 1;
            return true;
          },
        };
      });
      await scope.register(dataRoutes);
      scope.setNotFoundHandler((_request, reply) => sendNotFound(reply));
    },
    { prefix: '/services/data/:version' },
  );

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let seq = 0;
  return {
    url: `http://127.0.0.1:${port}`,
    clock,
    newOrg() {
      seq += 1;
      const orgId = `00D5g00000Harn${String(seq).padStart(4, '0')}`.slice(0, 18);
      const org = new SandboxOrg({ orgId, clock, userId: '005000000000001AAA' });
      const entry = { org, count: 0 };
      orgs.set(orgId, entry);
      return { org, accessToken: orgId, requests: () => entry.count };
    },
    close: () => app.close(),
  };
}
