/**
 * Embedded mode: a sandbox org in this process with a demo org in it, connected to the API, a widget
 * key for the demo page, and a little sync traffic, so `npm start` shows the product working with no
 * Salesforce account.
 */
import type { Config } from '../config.ts';
import type { Services } from '../services.ts';
import { createOrg } from '../orgs/org-service.ts';
import { loadSandbox } from './sandbox-loader.ts';
import { startDemoTraffic } from './demo-traffic.ts';

export const DEMO_ORG_ID = 'demo';

export interface EmbeddedDemo {
  sandboxUrl: string;
  /** Widget key the demo page at / uses. */
  widgetToken: string;
  /** Start the trickle of sync traffic once the API listens. */
  startTraffic(apiUrl: string): void;
  /** Lines to print for the person who ran `npm start`. */
  describe(apiUrl: string): string[];
  close(): Promise<void>;
}

/** Start the sandbox, create and connect the demo org, and issue the demo page's widget key. */
export async function startEmbeddedDemo(config: Config, services: Services): Promise<EmbeddedDemo> {
  const { startSandbox } = await loadSandbox();
  const sandbox = await startSandbox({ port: config.sandboxPort, host: '127.0.0.1' });
  const sf = sandbox.control.createOrg({ dailyLimit: 15_000, usageAtStart: 2_400, otherIntegrationsPerHour: 60 });
  sandbox.control.addCustomFields(sf.orgId, [
    { object: 'Lead', name: 'Lead_Score__c', type: 'double' },
    { object: 'Contact', name: 'Lead_Score__c', type: 'double' },
  ]);
  sandbox.control.seed(
    sf.orgId,
    'Account',
    Array.from({ length: 40 }, (_, i) => ({ Name: `Demo Account ${i + 1}`, Industry: 'Technology' })),
  );
  await createOrg(services, {
    id: DEMO_ORG_ID,
    name: 'Demo org (sandbox)',
    plan: 'advanced',
    dailyLimit: 5_000,
    reservePercent: 10,
    corsOrigins: [],
    deferWhenLimited: true,
    salesforce: { kind: 'password', loginUrl: sf.loginUrl, clientId: sf.clientId, clientSecret: sf.clientSecret, username: sf.username, password: sf.password },
  });
  const widget = await services.apiKeys.issue({ orgId: DEMO_ORG_ID, kind: 'widget', name: 'demo page', createdBy: 'operator', expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
  let traffic: { stop(): void } | undefined;
  return {
    sandboxUrl: sandbox.url,
    widgetToken: widget.secret,
    startTraffic(apiUrl) {
      traffic = startDemoTraffic({ apiUrl, orgId: DEMO_ORG_ID, key: config.adminKey ?? '', everyMs: 4_000 });
    },
    describe: (apiUrl) => [
      `demo page           ${apiUrl}/  (usage gauge and checklist of the demo org)`,
      `sandbox org         ${sandbox.url}  (embedded stand-in for Salesforce)`,
      `demo org            ${DEMO_ORG_ID} → Salesforce org ${sf.orgId}, budget 5,000 calls / 24 h`,
      `  usage             ${apiUrl}/v1/orgs/${DEMO_ORG_ID}/usage`,
    ],
    async close() {
      traffic?.stop();
      await sandbox.close();
    },
  };
}
