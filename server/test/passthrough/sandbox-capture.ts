/**
 * Everything the sandbox org receives, as its HTTP server sees it: request line, every header as
 * sent, and the body bytes. Taken at the server, so it covers routes the ground truth does not
 * record (the identity URL `/id/…`) and headers the ground truth leaves out (Authorization).
 */
import type { IncomingMessage, Server } from 'node:http';

/** One request as it arrived at the sandbox. */
export interface ReceivedRequest {
  method: string;
  url: string;
  /** Header lines as sent (`Name: value`), in order. */
  headers: string[];
  body: Buffer[];
}

/** Start capturing; `text(r)` is the request as one string to search. */
export function captureSandboxRequests(server: Server): { readonly requests: ReceivedRequest[]; text(request: ReceivedRequest): string; stop(): void } {
  const requests: ReceivedRequest[] = [];
  const listener = (req: IncomingMessage): void => {
    const headers: string[] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    const seen: ReceivedRequest = { method: req.method ?? '', url: req.url ?? '', headers, body: [] };
    requests.push(seen);
    // Tee the body without switching the stream to flowing mode (Fastify reads it later).
    const emit = req.emit.bind(req) as (event: string | symbol, ...args: unknown[]) => boolean;
    req.emit = ((event: string | symbol, ...args: unknown[]) => {
      if (event === 'data' && Buffer.isBuffer(args[0])) seen.body.push(args[0]);
      return emit(event, ...args);
    }) as typeof req.emit;
  };
  server.on('request', listener);
  return {
    requests,
    text: (r) => `${r.method} ${r.url}\n${r.headers.join('\n')}\n\n${Buffer.concat(r.body).toString('latin1')}`,
    stop: () => void server.off('request', listener),
  };
}
