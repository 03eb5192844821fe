/**
 * A real webhook receiver for tests: node:http on 127.0.0.1, recording every request it gets and
 * answering each path with the statuses it is told (then 200).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Answer the next requests to `path` with these statuses, in order. */
  answer(path: string, ...statuses: number[]): void;
  /** Wait until `count` requests to `path` arrived (fails after `ms`). */
  waitFor(path: string, count: number, ms?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** Start a receiver. */
export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const scripts = new Map<string, number[]>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = scripts.get(path)?.shift() ?? 200;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const of = (path: string): Received[] => received.filter((r) => r.path === path);
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer(path, ...statuses) {
      scripts.set(path, [...(scripts.get(path) ?? []), ...statuses]);
    },
    async waitFor(path, count, ms = 15_000) {
      const deadline = Date.now() + ms;
      while (of(path).length < count) {
        if (Date.now() > deadline) throw new Error(`${path}: ${of(path).length} of ${count} requests arrived`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return of(path);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
