/**
 * `npm start` with no configuration: the API and an embedded sandbox org come up, the demo org syncs
 * against it, and its usage moves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/redis-server.ts';

describe('npm start (embedded mode)', () => {
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('serves /healthz and /docs, and the demo org uses calls', async () => {
    const [port, sandboxPort] = [await freePort(), await freePort()];
    child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      env: { ...process.env, PORT: String(port), SANDBOX_PORT: String(sandboxPort), LOG_LEVEL: 'warn', REDIS_URL: '', CALLBUDGET_SANDBOX: 'auto' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const key = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no operator key printed:\n${output}`)), 20_000);
      const check = (): void => {
        const match = /operator key\s+(\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child!.stdout!.on('data', check);
    });
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/docs/`)).status).toBe(200);

    const used = async (): Promise<number> => {
      const response = await fetch(`${base}/v1/orgs/demo/usage`, { headers: { authorization: `Bearer ${key}` } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { used: number }).used;
    };
    const first = await used();
    let later = first;
    for (let i = 0; i < 40 && later <= first; i++) {
      await new Promise((r) => setTimeout(r, 250));
      later = await used();
    }
    expect(later).toBeGreaterThan(first);
  }, 40_000);
});
