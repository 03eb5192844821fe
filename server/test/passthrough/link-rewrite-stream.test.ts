/**
 * The streaming URL rewriter gives, for any way a body is cut into chunks, exactly what the whole-body
 * rewriter gives (salesforce-links.ts), and never holds more than the longest URL it looks for.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLinkRewriter } from '../../src/passthrough/salesforce-links.ts';

const INSTANCE = 'https://acme.my.salesforce.com';
const IDENTITY = 'https://login.salesforce.com/id/00D5g000004XyZaEAK/0055g00000AbCdEAAV';
const TARGET = 'https://cb.example.com/v1/orgs/acme/salesforce';
const JSON_TYPE = 'application/json;charset=UTF-8';
const rewriter = createLinkRewriter({ instanceUrl: INSTANCE, identityUrl: IDENTITY }, TARGET);

/** Bodies with every kind of match, and near-misses, at the start, the middle and the very end. */
const BODIES = [
  `${INSTANCE}/services/data/v62.0/query/01g-2000`,
  JSON.stringify({ nextRecordsUrl: `${INSTANCE}/services/data/v62.0/query/01g-2000`, identity: IDENTITY, note: 'café ✓ — ünïcödé' }),
  String.raw`{"url":"https:\/\/acme.my.salesforce.com\/services\/data","id":"https:\/\/login.salesforce.com\/id\/00D5g000004XyZaEAK\/0055g00000AbCdEAAV"}`,
  `{"other":"https://test.salesforce.com/id/00D5g000004XyZa/0055g00000AbCdE","evil":"${INSTANCE}.evil.example/x","port":"${INSTANCE}:4430/x"}`,
  `["HTTPS://ACME.MY.SALESFORCE.COM/x", "${INSTANCE}"]`,
  `"${INSTANCE}`,
  `no urls at all, just text: ${'x'.repeat(700)}`,
];

/** Run `chunks` through the streaming rewriter. */
async function streamed(chunks: Buffer[]): Promise<Buffer> {
  const transform = rewriter.stream(JSON_TYPE)!;
  return Buffer.concat(await Readable.from(chunks, { objectMode: false }).pipe(transform).toArray());
}

describe('the streaming URL rewriter', () => {
  it('rewrites as the whole-body rewriter does, with the body cut at every offset', async () => {
    for (const text of BODIES) {
      const bytes = Buffer.from(text, 'utf8');
      const whole = rewriter.body(bytes, JSON_TYPE);
      for (let cut = 0; cut <= bytes.length; cut++) {
        const out = await streamed([bytes.subarray(0, cut), bytes.subarray(cut)]);
        expect(out.toString('utf8'), `${text} cut at ${cut}`).toBe(whole.toString('utf8'));
      }
    }
  });

  it('rewrites as the whole-body rewriter does, one byte per chunk and three cuts', async () => {
    const text = BODIES[2]! + BODIES[1]!;
    const bytes = Buffer.from(text, 'utf8');
    const whole = rewriter.body(bytes, JSON_TYPE).toString('utf8');
    expect(whole).toContain(String.raw`https:\/\/cb.example.com\/v1\/orgs\/acme\/salesforce\/id\/00D5g000004XyZaEAK\/0055g00000AbCdEAAV`);
    expect((await streamed([...bytes].map((byte) => Buffer.from([byte])))).toString('utf8')).toBe(whole);
    for (let a = 0; a < bytes.length; a += 7) {
      const b = Math.min(bytes.length, a + 1 + (a % 90));
      const out = await streamed([bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)]);
      expect(out.toString('utf8')).toBe(whole);
    }
  });

  it('hands bytes on as they come, holding back no more than the longest URL', async () => {
    const transform = rewriter.stream(JSON_TYPE)!;
    let out = 0;
    transform.on('data', (chunk: Buffer) => (out += chunk.length));
    const piece = Buffer.from(`{"u":"${INSTANCE}/x"}`.padEnd(1024, ' '));
    for (let i = 0; i < 1024; i++) transform.write(piece);
    await new Promise((resolve) => setImmediate(resolve));
    // 1 MiB in, the stream still open: all but a few hundred bytes are out (rewritten URLs are longer).
    expect(out).toBeGreaterThan(1024 * 1024 - 400);
    transform.end();
  });

  it('leaves a body that is not JSON alone: no transform at all', () => {
    expect(rewriter.stream('text/csv')).toBeUndefined();
    expect(rewriter.stream('application/octet-stream')).toBeUndefined();
    expect(rewriter.stream(undefined)).toBeUndefined();
  });
});
