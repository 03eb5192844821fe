/**
 * The API in a child process of its own (`node --import tsx server/src/main.ts`), as it runs in
 * production, so a test can read that process's memory from /proc/<pid>/status while traffic goes
 * through it. Stopped (SIGTERM, then SIGKILL) by `stop()`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { freePort } from './redis-server.ts';
import { TEST_ENCRYPTION_KEYS } from './api.ts';

export interface ApiProcess {
  url: string;
  adminKey: string;
  pid: number;
  /** Resident set size now, in bytes (VmRSS). */
  rss(): number;
  stop(): Promise<void>;
}

/** Start the API on a free port with the test run's Redis; resolves once /healthz answers. */
export async function startApiProcess(options: { redisUrl: string; env?: Record<string, string> }): Promise<ApiProcess> {
  const port = await freePort();
  const adminKey = `cb_test_${randomBytes(18).toString('base64url')}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      CALLBUDGET_ADMIN_KEY: adminKey,
      CALLBUDGET_SANDBOX: 'off',
      CALLBUDGET_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      SALESFORCE_ALLOWED_HOSTS: 'http://127.0.0.1:*',
      REDIS_URL: options.redisUrl,
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}): ${errors}`);
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 300) throw new Error(`the API did not answer /healthz: ${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    adminKey,
    pid: child.pid!,
    rss() {
      const line = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (!line) throw new Error('no VmRSS in /proc status');
      return Number(line[1]) * 1024;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
