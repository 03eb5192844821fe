/**
 * Start a sandbox org server: build the app with the real data part, listen (127.0.0.1 and an
 * ephemeral port by default), and hand back its URL, clock and control API.
 */
import type { Server } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import { buildSandboxApp } from './app.ts';
import { systemClock } from './clock.ts';
import { createOrgData } from './data/org-data.ts';
import { dataRoutes } from './data/routes.ts';
import type { SandboxControl } from './platform/control.ts';
import type { Clock, CreateOrgData } from './types.ts';

export type { OrgView, SandboxControl } from './platform/control.ts';
export type { FaultSpec, OrgPatch } from './platform/control-schemas.ts';
export type { GroundTruthCall, GroundTruthView } from './platform/ground-truth.ts';
export type { WindowUsage } from './platform/rolling-window.ts';

/** Options of startSandbox. */
export interface StartSandboxOptions {
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default systemClock */
  clock?: Clock;
  /** When set, `/_sandbox` requires header `x-sandbox-key`. */
  controlKey?: string;
  /** Replace the data part (tests of the platform alone). @default the real one from data/ */
  createOrgData?: CreateOrgData;
  /** Replace the data part's routes. @default the real ones from data/ */
  dataRoutes?: FastifyPluginAsync;
  /** @default false */
  logger?: boolean;
}

/** A listening sandbox. */
export interface RunningSandbox {
  /** Base URL: instance URL and login URL of every org, e.g. `http://127.0.0.1:54321`. */
  url: string;
  clock: Clock;
  control: SandboxControl;
  /** The listening HTTP server, for tests that inspect every request as it arrives (headers and bodies included). */
  server: Server;
  /** Stop listening, cut open connections and pending hangs. */
  close(): Promise<void>;
}

/** A URL host for a listen address (wildcards are reached through loopback). */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** Build and start a sandbox; resolves once it is listening. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const clock = options.clock ?? systemClock;
  const host = options.host ?? '127.0.0.1';
  let url = '';
  const app = buildSandboxApp({
    clock,
    controlKey: options.controlKey,
    createOrgData: options.createOrgData ?? createOrgData,
    dataRoutes: options.dataRoutes ?? dataRoutes,
    publicUrl: () => url,
    logger: options.logger ?? false,
  });
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  url = `http://${urlHost(host)}:${port}`;
  return { url, clock, control: app.sandboxControl, server: app.server, close: () => app.close() };
}
