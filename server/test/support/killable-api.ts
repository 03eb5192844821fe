/** Start an API instance as a child process (killable-api-main.ts), so a test can SIGKILL it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { TEST_ENCRYPTION_KEYS } from './api.ts';

export interface KillableApi {
  url: string;
  adminKey: string;
  /** SIGKILL: no shutdown, no cleanup, as a crashed machine. */
  kill(): Promise<void>;
  /** SIGTERM: graceful shutdown (workers finish their job). */
  stop(): Promise<void>;
}

export interface KillableApiOptions {
  redisUrl: string;
  adminKey: string;
  /** Sent as Sforce-Call-Options client=…, so the sandbox's ground truth says which instance called. */
  clientName: string;
  /** The file holding the limiter's pinned clock (epoch ms). */
  clockFile?: string;
  /** BullMQ lock duration: how soon a killed instance's job is taken over. */
  lockMs?: number;
}

export async function startKillableApi(options: KillableApiOptions): Promise<KillableApi> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/test/support/killable-api-main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'silent',
      REDIS_URL: options.redisUrl,
      CALLBUDGET_ADMIN_KEY: options.adminKey,
      CALLBUDGET_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      CALLBUDGET_SANDBOX: 'off',
      SALESFORCE_ALLOWED_HOSTS: 'http://127.0.0.1:*',
      SALESFORCE_CLIENT_NAME: options.clientName,
      ...(options.clockFile ? { CB_TEST_CLOCK_FILE: options.clockFile } : {}),
      ...(options.lockMs ? { CB_TEST_LOCK_MS: String(options.lockMs) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API process did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then(() => reject(new Error(`API process exited:\n${output}`)));
  });
  const signal = async (name: NodeJS.Signals): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(name);
    await exited;
  };
  return { url, adminKey: options.adminKey, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}
