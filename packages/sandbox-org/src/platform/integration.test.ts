import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { startSandbox, type RunningSandbox } from '../start.ts';
import { RequestCounter, rawRequest } from './test-support.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ clock: new ManualClock() });
});
afterAll(() => sandbox.close());

describe('startSandbox with the real data part', () => {
  it('serves a jsforce session end to end, and the ground truth matches what was sent', async () => {
    const org = sandbox.control.createOrg({ dailyLimit: 1000 });
    const counter = new RequestCounter(sandbox.url);
    try {
      const conn = new Connection({ loginUrl: sandbox.url, oauth2: { clientId: org.clientId, clientSecret: org.clientSecret, loginUrl: sandbox.url }, version: '62.0', callOptions: { client: 'platform-test' } });
      await conn.login(org.username, org.password);
      const created = await conn.sobject('Lead').create([
        { LastName: 'Ada', Company: 'X' },
        { LastName: 'Bob', Company: 'Y' },
      ]);
      expect(created.every((r) => r.success)).toBe(true);
      const found = await conn.query<{ LastName: string }>("SELECT Id, LastName FROM Lead WHERE Company = 'Y'");
      expect(found.records.map((r) => r.LastName)).toEqual(['Bob']);
      await conn.sobject('Lead').describe();
      const limits = await conn.limits();
      // login (not counted) + collection create + query + describe + limits
      expect(limits.DailyApiRequests).toEqual({ Max: 1000, Remaining: 996 });
      expect(conn.limitInfo.apiUsage).toEqual({ used: 4, limit: 1000 });
      const truth = sandbox.control.groundTruth(org.orgId);
      expect(truth.total).toBe(counter.count);
      expect(truth.counted).toBe(4);
      expect(truth.calls.every((c) => c.client === 'platform-test' || c.path === '/services/oauth2/token')).toBe(true);
      expect(sandbox.control.usage(org.orgId).used).toBe(4);
    } finally {
      counter.dispose();
    }
  });

  it('seeds through the control API into the real record store', async () => {
    const org = sandbox.control.createOrg({ customFields: [{ object: 'Lead', name: 'Score__c', type: 'double' }] });
    const { ids } = sandbox.control.seed(org.orgId, 'Lead', [{ LastName: 'Seeded', Company: 'Z', Score__c: 7 }]);
    const conn = new Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: '62.0' });
    const record = await conn.sobject('Lead').retrieve(ids[0]!);
    expect(record).toMatchObject({ LastName: 'Seeded', Score__c: 7 });
  });
});

describe('npm run sandbox', () => {
  it('prints its URL, serves, and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../main.ts', import.meta.url)), '--port', '0'], {
      env: { ...process.env, SANDBOX_CONTROL_KEY: 'k' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening at (http:\/\/\S+)/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      });
      const versions = await rawRequest(`${url}/services/data/`);
      expect(versions.status).toBe(200);
      expect((await rawRequest(`${url}/_sandbox/orgs`)).status).toBe(401);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
