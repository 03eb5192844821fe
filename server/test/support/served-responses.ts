/**
 * Every response our API sent, as the client received it (status, headers, body bytes), captured at
 * the HTTP server: what jsforce or any other client saw, without reaching into the client's internals.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export interface ServedResponse {
  method: string;
  url: string;
  /** The Host the client asked for. */
  host: string;
  statusCode: number;
  /** Header names lower case, values as strings (repeated ones joined with `, `). */
  headers: Record<string, string>;
  /** The body as UTF-8 text ('' when there was none). */
  body: string;
}

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;
type End = (...args: unknown[]) => ServerResponse;

function asBuffer(chunk: unknown): Buffer | undefined {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return undefined;
}

/**
 * Capture responses to requests whose URL starts with `prefix` (or that `prefix` picks, given the
 * request; all when omitted), in the order they finished.
 */
export function recordServedResponses(server: Server, prefix: string | ((request: IncomingMessage) => boolean) = ''): ServedResponse[] & { stop(): void } {
  const served = [] as unknown as ServedResponse[] & { stop(): void };
  const wanted = typeof prefix === 'string' ? (request: IncomingMessage) => (request.url ?? '').startsWith(prefix) : prefix;
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    if (!wanted(request)) return;
    const chunks: Buffer[] = [];
    const write = response.write.bind(response) as Write;
    const end = response.end.bind(response) as End;
    response.write = ((chunk: unknown, ...rest: unknown[]) => {
      const bytes = asBuffer(chunk);
      if (bytes) chunks.push(bytes);
      return write(chunk, ...rest);
    }) as typeof response.write;
    response.end = ((...args: unknown[]) => {
      const bytes = typeof args[0] === 'function' ? undefined : asBuffer(args[0]);
      if (bytes) chunks.push(bytes);
      return end(...args);
    }) as typeof response.end;
    // Headers given to writeHead alone (Fastify's way when nothing was set before) never reach getHeaders().
    const written: Record<string, number | string | string[] | undefined> = {};
    const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
    response.writeHead = (...args: unknown[]) => {
      const given = args.find((arg, i) => i > 0 && typeof arg === 'object' && arg !== null);
      if (Array.isArray(given)) for (let i = 0; i + 1 < given.length; i += 2) written[String(given[i])] = given[i + 1];
      else if (given) Object.assign(written, given);
      return writeHead(...args);
    };
    response.on('finish', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries({ ...written, ...response.getHeaders() })) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      }
      served.push({ method: request.method ?? '', url: request.url ?? '', host: request.headers.host ?? '', statusCode: response.statusCode, headers, body: Buffer.concat(chunks).toString('utf8') });
    });
  };
  server.on('request', listener);
  Object.defineProperty(served, 'stop', { value: () => void server.off('request', listener), enumerable: false });
  return served;
}
