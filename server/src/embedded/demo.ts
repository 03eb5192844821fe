/** Embedded mode: a sandbox org in this process, with a demo org in it, so `npm start` needs no account. */
import type { Config } from '../config.ts';
import { startSandbox } from '../sandbox/start.ts';

export interface EmbeddedDemo {
  sandboxUrl: string;
  /** Lines to print for the person who ran `npm start`. */
  describe(): string[];
  close(): Promise<void>;
}

/** Start the sandbox and create the demo org. */
export async function startEmbeddedDemo(config: Config): Promise<EmbeddedDemo> {
  const sandbox = await startSandbox({ port: config.sandboxPort, host: '127.0.0.1' });
  const org = sandbox.control.createOrg({ dailyLimit: 15_000, usageAtStart: 1_200, otherIntegrationsPerHour: 40 });
  return {
    sandboxUrl: sandbox.url,
    describe: () => [
      `demo org            ${org.orgId}  (limit 15,000 calls / 24 h)`,
      `  login             ${org.username} / ${org.password}  (client id ${org.clientId})`,
    ],
    close: () => sandbox.close(),
  };
}
