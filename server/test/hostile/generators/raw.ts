/** Requests for the raw client: dot segments, control bytes and broken HTTP that inject cannot send. */
import fc from 'fast-check';
import type { RouteLogEntry } from '../../../src/app.ts';
import { isPassthrough } from './passthrough.ts';
import type { FuzzContext } from './types.ts';

/** A request for the raw client: bytes inject cannot send (dot segments, control bytes, broken HTTP). */
export interface RawFuzzRequest {
  route: string;
  invalid: string[];
  method: string;
  head: string;
  body?: Buffer;
}

const DOT_FORMS = new Set(['..', '.', '%2e%2e', '.%2e', '%2e', '..\\..']);

/** Raw-only corruptions of a request line or its headers; each one alone must be refused. */
export function rawRequestsFor(route: RouteLogEntry, ctx: FuzzContext, host: string): fc.Arbitrary<RawFuzzRequest> {
  const name = `${route.method} ${route.url}`;
  const filled = (relationship: string): string =>
    (route.url.startsWith('/') ? route.url : '/healthz')
      .replace(':orgId', ctx.orgId)
      .replace(':relationship', relationship)
      .replace(':keyId', '0123456789abcdef')
      .replace(':sfOrgId', '00D000000000000AAA')
      .replace(':userId', '005000000000000AAA')
      // A target the passthrough forwards, so only the corruption can be what is refused.
      .replace(/\*$/, isPassthrough(route) ? 'data/v62.0/limits' : 'index.html');
  const segmentCorruption = fc.constantFrom('..', '.', '%2e%2e', '.%2e', '%2e', '..\\..', '\\', 'a\\b', '\xff', '\xc3\xa9', '\xc0\xae\xc0\xae', '%', '%zz', '\x7f', '\x01', '\t', 'a b');
  const protocol = fc.constantFrom(
    { label: 'raw:bad-version', line: (m: string, t: string) => `${m} ${t} HTTP/9.9`, extra: '' },
    { label: 'raw:lowercase-method', line: (m: string, t: string) => `${m.toLowerCase()} ${t} HTTP/1.1`, extra: '' },
    { label: 'raw:nul-in-header', line: (m: string, t: string) => `${m} ${t} HTTP/1.1`, extra: 'X-Junk: a\x00b' },
    { label: 'raw:cr-in-header', line: (m: string, t: string) => `${m} ${t} HTTP/1.1`, extra: 'X-Junk: a\rb' },
    { label: 'raw:bad-header-name', line: (m: string, t: string) => `${m} ${t} HTTP/1.1`, extra: 'X Junk: a' },
    { label: 'raw:obs-fold', line: (m: string, t: string) => `${m} ${t} HTTP/1.1`, extra: 'X-Junk: a\r\n b' },
    { label: 'raw:two-content-lengths', line: (m: string, t: string) => `${m} ${t} HTTP/1.1`, extra: 'Content-Length: 1\r\nContent-Length: 2' },
    { label: 'raw:te-and-cl', line: (m: string, t: string) => `${m} ${t} HTTP/1.1`, extra: 'Content-Length: 4\r\nTransfer-Encoding: chunked' },
    { label: 'raw:bad-content-length', line: (m: string, t: string) => `${m} ${t} HTTP/1.1`, extra: 'Content-Length: abc' },
    { label: 'raw:bad-transfer-encoding', line: (m: string, t: string) => `${m} ${t} HTTP/1.1`, extra: 'Transfer-Encoding: gzip, chunked, x' },
    { label: 'raw:header-overflow', line: (m: string, t: string) => `${m} ${t} HTTP/1.1`, extra: `X-Junk: ${'a'.repeat(20_000)}` },
    { label: 'raw:space-in-target', line: (m: string, t: string) => `${m} ${t} x HTTP/1.1`, extra: '' },
  );
  return fc
    .record({
      mode: fc.constantFrom('segment', 'segment', 'protocol'),
      relationship: fc.constantFrom('leads', 'contacts'),
      at: fc.nat(),
      segment: segmentCorruption,
      protocol,
      key: fc.constantFrom(ctx.keys.operator, ctx.keys.administrator, ctx.keys.sync),
    })
    .map(({ mode, relationship, at, segment, protocol: p, key }): RawFuzzRequest => {
      const path = filled(relationship);
      const headers = [`Host: ${host}`, 'Connection: close', `Authorization: Bearer ${key}`];
      if (mode === 'segment') {
        // Replace one segment after /v1 (or the last one) with a dot segment, a backslash, raw bytes…
        const segments = path.split('/');
        const first = path.startsWith('/v1/') ? 2 : 1;
        const index = first + (at % Math.max(1, segments.length - first));
        // Dot forms are a segment of their own (`a.%2e` is just a name); bytes may sit inside one.
        const own = DOT_FORMS.has(segment) || at % 2 === 0;
        segments[index] = index >= segments.length ? segment : `${segments[index] ?? ''}${own ? '/' : ''}${segment}`;
        const target = segments.join('/');
        return { route: name, invalid: ['raw:path'], method: route.method, head: [`${route.method} ${target} HTTP/1.1`, ...headers].join('\r\n') };
      }
      const lines = [p.line(route.method, path), ...headers, ...(p.extra ? [p.extra] : [])];
      return { route: name, invalid: [p.label], method: route.method, head: lines.join('\r\n'), ...(p.label === 'raw:te-and-cl' ? { body: Buffer.from('zzzz\r\n\r\n') } : {}) };
    });
}
