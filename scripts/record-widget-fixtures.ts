/**
 * Records the widget's test fixtures from a real server: starts the embedded stack (sandbox org and
 * API, in-process store), drives some sync traffic through the public API, and saves the answers of
 * GET /usage, /checklist and /errors into widget/test/fixtures/*.json, each checked against
 * openapi.yaml first. Run it with `npm run record:fixtures` after the server's answers change.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { DEMO_ORG_ID, startEmbeddedDemo } from '../server/src/embedded/demo.ts';
import { specOperation } from '../server/src/http/contract.ts';
import { contractAjv } from '../server/src/http/contract-validation.ts';
import { createServices } from '../server/src/services.ts';

const OUT = fileURLToPath(new URL('../widget/test/fixtures/', import.meta.url));
const FIGURES = { usage: 'getUsage', checklist: 'getChecklist', errors: 'listErrors' } as const;

const adminKey = `cb_record_${randomBytes(18).toString('base64url')}`;
const config = loadConfig({
  PORT: '0',
  LOG_LEVEL: 'silent',
  CALLBUDGET_ADMIN_KEY: adminKey,
  CALLBUDGET_SANDBOX: 'on',
  SANDBOX_PORT: '0',
  CALLBUDGET_ENCRYPTION_KEYS: `record:${randomBytes(32).toString('base64')}`,
  SALESFORCE_ALLOWED_HOSTS: 'http://127.0.0.1:*',
});
const services = createServices(config);
const demo = await startEmbeddedDemo(config, services);
const app = await buildApp({ services, demoToken: demo.widgetToken });
const apiUrl = await app.listen({ port: 0, host: '127.0.0.1' });

try {
  const base = `${apiUrl}/v1/orgs/${DEMO_ORG_ID}`;
  const asAdmin = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
  const call = async (path: string, init: RequestInit = {}): Promise<unknown> => {
    const response = await fetch(`${base}${path}`, { ...init, headers: { ...asAdmin, ...init.headers } });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  // Traffic: leads pushed in two batches, three of them refused by Salesforce (no LastName), and a pull.
  for (const batch of [0, 1]) {
    const records = Array.from({ length: 12 }, (_, i) => ({ firstName: 'Demo', company: 'Example Co', email: `lead${batch}.${i}@example.com`, ...(batch === 1 && i < 3 ? {} : { lastName: `Lead ${batch}-${i}` }) }));
    await call('/sync/leads', { method: 'POST', body: JSON.stringify({ operation: 'create', records }) });
  }
  await call('/sync/accounts?since=2000-01-01T00:00:00Z&limit=50');

  const ajv = contractAjv({ coerce: false });
  mkdirSync(OUT, { recursive: true });
  for (const [name, operationId] of Object.entries(FIGURES)) {
    const body = await call(`/${name}${name === 'errors' ? '?limit=5' : ''}`, { headers: name === 'errors' ? {} : { authorization: `Bearer ${demo.widgetToken}` } });
    const schema = (specOperation(operationId).operation.responses['200'] as { content: Record<string, { schema: object }> }).content['application/json']!.schema;
    const validate = ajv.compile(schema);
    if (!validate(body)) throw new Error(`${name} does not match openapi.yaml: ${ajv.errorsText(validate.errors)}`);
    writeFileSync(`${OUT}${name}.json`, `${JSON.stringify(body, null, 2)}\n`);
    console.log(`recorded ${OUT}${name}.json`);
  }
} finally {
  await app.close();
  await demo.close();
  await services.close();
}
