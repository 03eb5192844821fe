/**
 * A raw HTTP/1.1 client over a plain socket, for requests no real client sends: no URL
 * normalisation, any byte in the request line and headers, broken framing.
 */
import { connect as netConnect } from 'node:net';

/** A request written byte for byte: request line, headers, body; sent from `localAddress`. */
export interface RawHttpRequest {
  /** Everything before the blank line, without it: `GET /x HTTP/1.1\r\nHost: …`. */
  head: string;
  body?: Buffer;
  localAddress?: string;
}

/** The answer as read off the socket; status 0 when the server closed without a full head. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Send raw bytes (latin1 head, so any byte 0–255 can be written) on a fresh connection and read
 * the answer until the server closes it. Understands Content-Length and chunked bodies.
 */
export function rawHttp(baseUrl: string, request: RawHttpRequest, timeoutMs = 5000): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const bytes = Buffer.concat([Buffer.from(`${request.head}\r\n\r\n`, 'latin1'), request.body ?? Buffer.alloc(0)]);
  return new Promise((resolve, reject) => {
    // Write without half-closing: Node aborts a request whose client ends its side before the answer.
    const socket = netConnect({ port: Number(port), host: hostname, ...(request.localAddress ? { localAddress: request.localAddress } : {}) }, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${request.head.split('\r\n')[0]?.slice(0, 200)}`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset after the answer was written is how Node ends a connection it refused to parse.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      if (split === -1) return resolve({ status: 0, headers: {}, body: text });
      const [statusLine = '', ...headerLines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const at = line.indexOf(':');
        if (at > 0) headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
      }
      let body = text.slice(split + 4);
      if (headers['transfer-encoding']?.includes('chunked')) body = unchunk(body);
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers, body: Buffer.from(body, 'latin1').toString('utf8') });
    });
  });
}

/** Send one request exactly as written (no URL normalisation, any bytes), and read the answer. */
export function rawRequest(baseUrl: string, head: { method: string; target: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const body = head.body === undefined ? Buffer.alloc(0) : Buffer.from(head.body);
  const lines = [`${head.method} ${head.target} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close'];
  for (const [name, value] of Object.entries(head.headers ?? {})) lines.push(`${name}: ${value}`);
  if (body.length > 0) lines.push(`Content-Length: ${body.length}`);
  return rawHttp(baseUrl, { head: lines.join('\r\n'), ...(body.length > 0 ? { body } : {}) });
}

function unchunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const eol = rest.indexOf('\r\n');
    if (eol === -1) return out;
    const size = parseInt(rest.slice(0, eol), 16);
    if (!size) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}

/** What a slow sender saw: the status the server answered (0 if none) and when it closed the socket. */
export interface SlowSendResult {
  status: number;
  closedAfterMs: number;
  /** Bytes of the request written before the server closed the socket. */
  bytesWritten: number;
}

/**
 * Write `head` then `trickle` one byte every `everyMs` (headers or body sent slowly, as a slowloris
 * client does), and report when the server closes the connection; gives up after `giveUpMs`.
 */
export function slowSend(baseUrl: string, head: string, trickle: string, everyMs: number, giveUpMs: number): Promise<SlowSendResult> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let written = 0;
    let timer: ReturnType<typeof setInterval> | undefined;
    const chunks: Buffer[] = [];
    const socket = netConnect({ port: Number(port), host: hostname }, () => {
      socket.write(head, 'latin1');
      written += head.length;
      timer = setInterval(() => {
        if (written - head.length >= trickle.length || socket.destroyed) return;
        socket.write(trickle[written - head.length]!, 'latin1');
        written++;
      }, everyMs);
    });
    const giveUp = setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      reject(new Error(`socket still open after ${giveUpMs} ms (${written} bytes written)`));
    }, giveUpMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      const statusLine = Buffer.concat(chunks).toString('latin1').split('\r\n')[0] ?? '';
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), closedAfterMs: Date.now() - started, bytesWritten: written });
    });
  });
}
