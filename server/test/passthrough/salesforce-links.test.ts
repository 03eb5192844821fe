/**
 * The URL rewriting of the passthrough on answers shaped like real Salesforce's (My Domain instance,
 * identity on the login host, absolute URLs), which the sandbox org does not all produce, and the
 * public base those URLs are built on.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { Problem } from '../../src/errors.ts';
import { publicBase } from '../../src/passthrough/public-base.ts';
import { createLinkRewriter } from '../../src/passthrough/salesforce-links.ts';

const INSTANCE = 'https://acme.my.salesforce.com';
const IDENTITY = 'https://login.salesforce.com/id/00D5g000004XyZaEAK/0055g00000AbCdEAAV';
const TARGET = 'https://cb.example.com/v1/orgs/acme/salesforce';
const JSON_TYPE = 'application/json;charset=UTF-8';
const rewriter = createLinkRewriter({ instanceUrl: INSTANCE, identityUrl: IDENTITY }, TARGET);
const body = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('rewriting Salesforce URLs to the passthrough', () => {
  it('rewrites absolute URLs on the instance and identity hosts, and leaves relative ones', () => {
    const page = JSON.stringify({
      done: false,
      nextRecordsUrl: `${INSTANCE}/services/data/v62.0/query/01gXX-2000`,
      records: [{ attributes: { type: 'Lead', url: '/services/data/v62.0/sobjects/Lead/00Q5g00000AbCdEAAV' } }],
      identity: IDENTITY,
    });
    const out = JSON.parse(rewriter.body(body(page), JSON_TYPE).toString('utf8')) as Record<string, unknown>;
    expect(out).toEqual({
      done: false,
      nextRecordsUrl: `${TARGET}/services/data/v62.0/query/01gXX-2000`,
      records: [{ attributes: { type: 'Lead', url: '/services/data/v62.0/sobjects/Lead/00Q5g00000AbCdEAAV' } }],
      identity: `${TARGET}/id/00D5g000004XyZaEAK/0055g00000AbCdEAAV`,
    });
  });

  it('recognises an identity URL on any host when the login did not say which (stored access token)', () => {
    const noIdentity = createLinkRewriter({ instanceUrl: INSTANCE }, TARGET);
    expect(noIdentity.text('"https://test.salesforce.com/id/00D5g000004XyZa/0055g00000AbCdE"')).toBe(`"${TARGET}/id/00D5g000004XyZa/0055g00000AbCdE"`);
  });

  it('matches whole origins only: another port or a longer host is not the instance', () => {
    const local = createLinkRewriter({ instanceUrl: 'http://127.0.0.1:5000' }, TARGET);
    expect(local.text('["http://127.0.0.1:50001/x","http://127.0.0.1:5000/x","http://127.0.0.1:5000"]')).toBe(`["http://127.0.0.1:50001/x","${TARGET}/x","${TARGET}"]`);
    expect(rewriter.text('"https://acme.my.salesforce.com.evil.test/x"')).toBe('"https://acme.my.salesforce.com.evil.test/x"');
    expect(rewriter.text('"HTTPS://ACME.my.salesforce.com/x"')).toBe(`"${TARGET}/x"`);
  });

  it('rewrites JSON-escaped slashes into escaped slashes', () => {
    expect(rewriter.text(String.raw`"https:\/\/acme.my.salesforce.com\/services\/data"`)).toBe(`"${TARGET.replace(/\//g, '\\/')}\\/services\\/data"`);
  });

  it('keeps every other byte, invalid UTF-8 included, and returns an untouched body as the same buffer', () => {
    const around = [Buffer.from([0xff, 0xfe, 0x22]), Buffer.from('"💡 Lövelace"', 'utf8')];
    const input = Buffer.concat([around[0]!, body(`${INSTANCE}/services/data/v62.0/sobjects/Lead`), around[1]!]);
    const expected = Buffer.concat([around[0]!, body(`${TARGET}/services/data/v62.0/sobjects/Lead`), around[1]!]);
    expect(rewriter.body(input, JSON_TYPE).equals(expected)).toBe(true);
    const plain = body('{"totalSize":0,"done":true,"records":[]}');
    expect(rewriter.body(plain, JSON_TYPE)).toBe(plain);
    const relativeOnly = body('{"url":"/services/data/v62.0/sobjects/Lead"}');
    expect(rewriter.body(relativeOnly, JSON_TYPE)).toBe(relativeOnly);
  });

  it('passes bodies that are not JSON byte for byte', () => {
    for (const type of ['application/xml;charset=UTF-8', 'text/csv', 'application/octet-stream', undefined]) {
      const raw = body(`<identity>${IDENTITY}</identity>`);
      expect(rewriter.body(raw, type)).toBe(raw);
    }
  });

  it('rewrites Location, keeps a relative one, and drops a header that still names another host', () => {
    expect(rewriter.headers({ Location: `${INSTANCE}/services/data/v62.0/sobjects/Lead/00Q5g00000AbCdEAAV` })).toEqual({ Location: `${TARGET}/services/data/v62.0/sobjects/Lead/00Q5g00000AbCdEAAV` });
    expect(rewriter.headers({ Location: '/services/data/v62.0/sobjects/Lead/00Q5g00000AbCdEAAV' })).toEqual({ Location: '/services/data/v62.0/sobjects/Lead/00Q5g00000AbCdEAAV' });
    for (const elsewhere of ['https://na99.salesforce.com/services/data/v62.0/', '//na99.salesforce.com/x', `https://evil.test/?next=${TARGET}`]) {
      expect(rewriter.headers({ Location: elsewhere, 'Content-Type': JSON_TYPE })).toEqual({ 'Content-Type': JSON_TYPE });
    }
    const plainHeaders = { 'Content-Type': JSON_TYPE, 'Sforce-Limit-Info': 'api-usage=12/15000', 'Last-Modified': 'Fri, 04 Dec 2026 15:52:22 GMT', ETag: '"abc"' };
    expect(rewriter.headers(plainHeaders)).toEqual(plainHeaders);
  });
});

describe('the public base of rewritten URLs', () => {
  it('is PUBLIC_URL when set, else the protocol and Host of the request', () => {
    expect(publicBase({ protocol: 'http', host: 'evil.test' }, 'https://cb.example.com/prefix')).toBe('https://cb.example.com/prefix');
    expect(publicBase({ protocol: 'https', host: 'cb.example.com:8443' }, undefined)).toBe('https://cb.example.com:8443');
    expect(publicBase({ protocol: 'http', host: '[::1]:3000' }, undefined)).toBe('http://[::1]:3000');
  });

  it('refuses a Host that is not a plain host[:port], since it is written into URLs and JSON', () => {
    for (const host of ['a"b', 'a\\b', 'a/b', 'a b', '', 'a:b:c', 'a@b']) {
      expect(() => publicBase({ protocol: 'http', host }, undefined)).toThrow(Problem);
    }
  });

  it('takes PUBLIC_URL from the configuration, checked, without its trailing slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://cb.example.com/' }).publicUrl).toBe('https://cb.example.com');
    expect(loadConfig({ PUBLIC_URL: 'https://example.com/callbudget' }).publicUrl).toBe('https://example.com/callbudget');
    expect(loadConfig({}).publicUrl).toBeUndefined();
    for (const bad of ['ftp://x.test', 'https://x.test/"a', 'https://x.test?q=1', 'not a url']) {
      expect(() => loadConfig({ PUBLIC_URL: bad })).toThrow(/PUBLIC_URL/);
    }
  });
});
