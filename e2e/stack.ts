/**
 * The e2e stack, started by Playwright's webServer: a throwaway redis-server, the sandbox org (with a
 * control key), and the API with REDIS_URL — the production wiring, on loopback ports. Prints
 * `E2E_READY <json>` and writes the same JSON to e2e/.stack.json for the specs.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { startRedis } from '../server/test/support/redis-server.ts';
import { startSandbox } from '../packages/sandbox-org/src/index.ts';
import { loadConfig } from '../server/src/config.ts';
import { createServices } from '../server/src/services.ts';
import { buildApp } from '../server/src/app.ts';
import { checkContract } from '../server/test/support/contract-check.ts';
import { CONTRACT_FILE } from './contract-file.ts';

export interface StackInfo {
  apiUrl: string;
  sandboxUrl: string;
  sandboxKey: string;
  adminKey: string;
}

const port = Number(process.env.E2E_API_PORT ?? 3100);
const redis = await startRedis();
const sandboxKey = `sbx_${randomBytes(12).toString('hex')}`;
const sandbox = await startSandbox({ controlKey: sandboxKey });
const adminKey = `cb_e2e_${randomBytes(18).toString('base64url')}`;
const config = loadConfig({
  PORT: String(port),
  LOG_LEVEL: 'warn',
  REDIS_URL: redis.url,
  CALLBUDGET_ADMIN_KEY: adminKey,
  CALLBUDGET_ENCRYPTION_KEYS: `e2e:${randomBytes(32).toString('base64')}`,
  SALESFORCE_ALLOWED_HOSTS: 'http://127.0.0.1:*',
});
const services = createServices(config, { retry: { maxRetries: 1, minDelayMs: 50, timeoutMs: 5000 }, orgCacheMs: 0 });
const app = await buildApp({ services });
// Every response the browser journeys see is checked against openapi.yaml too; the teardown reads the result.
const contract = checkContract(app);
app.addHook('onResponse', async () => {
  writeFileSync(CONTRACT_FILE, JSON.stringify(contract));
});
await app.listen({ port, host: '127.0.0.1' });

const info: StackInfo = { apiUrl: `http://127.0.0.1:${port}`, sandboxUrl: sandbox.url, sandboxKey, adminKey };
writeFileSync(new URL('./.stack.json', import.meta.url), JSON.stringify(info, null, 2));
console.log(`E2E_READY ${JSON.stringify(info)}`);

const stop = async (): Promise<void> => {
  await app.close();
  await services.close();
  await sandbox.close();
  await redis.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
