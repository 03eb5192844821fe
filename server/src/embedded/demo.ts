/**
 * Embedded mode: a sandbox org in this process with a demo org in it, connected to the API, and a
 * little sync traffic, so `npm start` shows the product working with no Salesforce account.
 */
import type { Config } from '../config.ts';
import type { Services } from '../services.ts';
import { createOrg } from '../orgs/org-service.ts';
import { startSandbox } from '../sandbox/start.ts';
import { startDemoTraffic } from './demo-traffic.ts';

export const DEMO_ORG_ID = 'demo';

export interface EmbeddedDemo {
  sandboxUrl: string;
  /** Lines to print for the person who ran `npm start`. */
  describe(): string[];
  close(): Promise<void>;
}

/** Start the sandbox, create and connect the demo org, and start its traffic. */
export async function startEmbeddedDemo(config: Config, services: Services, apiUrl: string): Promise<EmbeddedDemo> {
  const sandbox = await startSandbox({ port: config.sandboxPort, host: '127.0.0.1' });
  const sf = sandbox.control.createOrg({ dailyLimit: 15_000, usageAtStart: 2_400, otherIntegrationsPerHour: 60 });
  sandbox.control.addCustomFields(sf.orgId, [
    { object: 'Lead', name: 'Lead_Score__c', type: 'double' },
    { object: 'Contact', name: 'Lead_Score__c', type: 'double' },
  ]);
  sandbox.control.seed(sf.orgId, 'Account', Array.from({ length: 40 }, (_, i) => ({ Name: `Demo Account ${i + 1}`, Industry: 'Technology' })));
  await createOrg(services, {
    id: DEMO_ORG_ID,
    name: 'Demo org (sandbox)',
    plan: 'advanced',
    dailyLimit: 5_000,
    reservePercent: 10,
    corsOrigins: [],
    salesforce: { kind: 'password', loginUrl: sf.loginUrl, clientId: sf.clientId, clientSecret: sf.clientSecret, username: sf.username, password: sf.password },
  });
  const traffic = startDemoTraffic({ apiUrl, orgId: DEMO_ORG_ID, key: config.adminKey ?? '', everyMs: 4_000 });
  return {
    sandboxUrl: sandbox.url,
    describe: () => [
      `sandbox org         ${sandbox.url}  (embedded stand-in for Salesforce)`,
      `demo org            ${DEMO_ORG_ID} → Salesforce org ${sf.orgId}, budget 5,000 calls / 24 h`,
      `  usage             ${apiUrl}/v1/orgs/${DEMO_ORG_ID}/usage`,
    ],
    async close() {
      traffic.stop();
      await sandbox.close();
    },
  };
}
