/**
 * Test fixtures: a real API instance (Fastify listening on 127.0.0.1) over real services, with a
 * sandbox org as Salesforce. Everything started here is stopped by `close()`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createServices, type ServiceOptions, type Services } from '../../src/services.ts';
import type { OrgInfo, OrgSpec } from '../support/sandbox.ts';
import { assertContractKept, checkContract, type ContractCheck } from './contract-check.ts';

export interface RunningApi {
  url: string;
  app: FastifyInstance;
  services: Services;
  adminKey: string;
  /** Every response this instance sent, checked against openapi.yaml; `close()` fails on a violation. */
  contract: ContractCheck;
  close(): Promise<void>;
}

export const TEST_ENCRYPTION_KEYS = `test:${Buffer.alloc(32, 7).toString('base64')}`;

/** Start an API instance; with `redisUrl` it shares state with every other instance on that Redis. */
export async function startApi(options: { redisUrl?: string; adminKey?: string; services?: ServiceOptions; env?: Record<string, string>; logStream?: NodeJS.WritableStream } = {}): Promise<RunningApi> {
  const adminKey = options.adminKey ?? `cb_test_${randomBytes(18).toString('base64url')}`;
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    CALLBUDGET_ADMIN_KEY: adminKey,
    CALLBUDGET_SANDBOX: 'off',
    CALLBUDGET_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    // The sandbox org listens on loopback.
    SALESFORCE_ALLOWED_HOSTS: 'http://127.0.0.1:*',
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    // Settings under test (timeouts, the failed-key limit, the allow-list), as an operator sets them.
    ...options.env,
  });
  const services = createServices(config, { retry: { maxRetries: 2, minDelayMs: 10 }, orgCacheMs: 0, ...options.services });
  const app = await buildApp({ services, ...(options.logStream ? { logStream: options.logStream } : {}) });
  const contract = checkContract(app);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    app,
    services,
    adminKey,
    contract,
    async close() {
      await app.close();
      await services.close();
      assertContractKept(contract);
    },
  };
}

/** A fresh org id for a test, so tests sharing one Redis never collide. */
export function uniqueOrgId(prefix = 'org'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Password-grant credentials for a sandbox org, as an admin would enter them. */
export function sandboxCredentials(info: OrgInfo): Record<string, string> {
  return { kind: 'password', loginUrl: info.loginUrl, clientId: info.clientId, clientSecret: info.clientSecret, username: info.username, password: info.password };
}

/** Create an org in the API connected to a new sandbox org; returns both. */
export async function connectedOrg(
  api: RunningApi,
  sandbox: { control: { createOrg(spec: OrgSpec): OrgInfo } },
  settings: { spec?: OrgSpec; dailyLimit?: number; reservePercent?: number; plan?: string; thresholds?: Record<string, number>; id?: string; deferWhenLimited?: boolean } = {},
): Promise<{ orgId: string; sf: OrgInfo }> {
  const sf = sandbox.control.createOrg(settings.spec ?? {});
  const orgId = settings.id ?? uniqueOrgId();
  const response = await fetch(`${api.url}/v1/orgs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      id: orgId,
      name: `Test ${orgId}`,
      plan: settings.plan ?? 'advanced',
      ...(settings.dailyLimit ? { dailyLimit: settings.dailyLimit } : {}),
      ...(settings.reservePercent !== undefined ? { reservePercent: settings.reservePercent } : {}),
      ...(settings.thresholds ? { thresholds: settings.thresholds } : {}),
      ...(settings.deferWhenLimited !== undefined ? { deferWhenLimited: settings.deferWhenLimited } : {}),
      salesforce: sandboxCredentials(sf),
    }),
  });
  if (response.status !== 201) throw new Error(`creating org failed: ${response.status} ${await response.text()}`);
  return { orgId, sf };
}

/** Calls in our limiter's window for an org. */
export async function limiterTotal(api: RunningApi, orgId: string): Promise<number> {
  return (await api.services.limiter.store.snapshot(orgId)).total;
}
