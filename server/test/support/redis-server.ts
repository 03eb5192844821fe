/**
 * Starts a throwaway `redis-server` on a free loopback port, so tests never touch a Redis they did not
 * start; optionally with AOF persistence, so a test can restart it and keep its data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';

export interface RunningRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Ask the kernel for a free port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(chunk.toString().startsWith('+PONG'));
    });
  });
}

export interface RedisOptions {
  /** Persist with AOF (fsync on every write) in this directory: a restart on the same port keeps the data. */
  appendOnlyDir?: string;
  /** Listen here (a restart reuses its port); a free port otherwise. */
  port?: number;
}

function redisArgs(port: number, options: RedisOptions): string[] {
  const persistence = options.appendOnlyDir ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', options.appendOnlyDir] : ['--appendonly', 'no'];
  return ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--protected-mode', 'yes'];
}

/** Start redis-server (no persistence unless asked) and wait until it answers PING. */
export async function startRedis(options: RedisOptions = {}): Promise<RunningRedis> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = options.port ?? (await freePort());
    const child: ChildProcess = spawn('redis-server', redisArgs(port, options), { stdio: 'ignore' });
    let exited = false;
    child.once('exit', () => (exited = true));
    for (let i = 0; i < 100 && !exited; i++) {
      if (await answersPing(port)) {
        return {
          url: `redis://127.0.0.1:${port}`,
          port,
          stop: () =>
            new Promise<void>((resolve) => {
              if (exited) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
  }
  throw new Error('redis-server did not start; run `bash scripts/ensure-binaries.sh` to install it');
}
