/** What the passthrough forwards, decided before any call: target, headers, priority, method. */
import { describe, expect, it } from 'vitest';
import { Problem } from '../../src/errors.ts';
import { pickRequestHeaders, pickResponseHeaders, withClientOption } from '../../src/passthrough/forward-headers.ts';
import { readForwardRequest, withBody } from '../../src/passthrough/forward-request.ts';
import { ORG_MOUNT, ROOT_MOUNT } from '../../src/passthrough/mounts.ts';
import { MAX_QUERY_BYTES, upstreamTarget as targetAt, upstreamUrl } from '../../src/passthrough/upstream-target.ts';

const PREFIX = '/v1/orgs/org-1/salesforce';
/** A target under the org mount (`PREFIX`), as most cases below are. */
const upstreamTarget = (url: string) => targetAt(url, ORG_MOUNT.prefixSegments);
const problemCode = (work: () => unknown): string | undefined => {
  try {
    work();
  } catch (error) {
    return error instanceof Problem ? error.code : `not a Problem: ${String(error)}`;
  }
  return undefined;
};

describe('upstreamTarget', () => {
  it('keeps the raw path and query, escapes included', () => {
    expect(upstreamTarget(`${PREFIX}/services/data/v62.0/query?q=SELECT+Id+FROM+Lead%20WHERE+Name='a%2Fb'`)).toEqual({
      path: '/services/data/v62.0/query',
      query: "q=SELECT+Id+FROM+Lead%20WHERE+Name='a%2Fb'",
      versionsList: false,
    });
    expect(upstreamTarget(`${PREFIX}/services/data/v62.0/sobjects/Lead/Ext__c/M%C3%BCller`).path).toBe('/services/data/v62.0/sobjects/Lead/Ext__c/M%C3%BCller');
    expect(upstreamTarget(`${PREFIX}/services/data/v62.0/sobjects/`).path).toBe('/services/data/v62.0/sobjects/');
    expect(upstreamTarget(`${PREFIX}/services/data/v62.0`).query).toBeUndefined();
  });

  it('knows the versions list, with or without its slash', () => {
    expect(upstreamTarget(`${PREFIX}/services/data/`).versionsList).toBe(true);
    expect(upstreamTarget(`${PREFIX}/services/data`)).toEqual({ path: '/services/data', query: undefined, versionsList: true });
  });

  it('reads runs of slashes as one, as Salesforce does (the CLI asks //services/data/…)', () => {
    expect(upstreamTarget(`${PREFIX}//services/data/v62.0//sobjects///Lead/`).path).toBe('/services/data/v62.0/sobjects/Lead/');
    expect(upstreamTarget(`/v1//orgs/org-1/salesforce//services//data`).versionsList).toBe(true);
    // A doubled slash never becomes an authority upstream: the path still has to start /services/….
    expect(problemCode(() => upstreamTarget(`${PREFIX}//evil.example/services/data/v62.0/limits`))).toBe('VALIDATION_FAILED');
    expect(upstreamUrl('https://na1.my.salesforce.com/', upstreamTarget(`${PREFIX}//services/data/v62.0/limits`))).toBe('https://na1.my.salesforce.com/services/data/v62.0/limits');
  });

  it('at the root mount, reads the same targets with no prefix in front of /services', () => {
    const atRoot = (url: string) => targetAt(url, ROOT_MOUNT.prefixSegments);
    expect(atRoot('/services/data/v62.0/jobs/ingest?x=1')).toEqual({ path: '/services/data/v62.0/jobs/ingest', query: 'x=1', versionsList: false });
    // The CLI given `--instance-url <api>/` asks `//services/…`.
    expect(atRoot('//services/data')).toEqual({ path: '/services/data', query: undefined, versionsList: true });
    expect(atRoot('/services/apexrest/acme').path).toBe('/services/apexrest/acme');
    for (const url of [
      '/services/oauth2/token',
      '/services/data/v62.0/%2e%2e/%2e%2e/oauth2/token',
      '//evil.example/services/data/v62.0/limits',
      '/services/Soap/u/62.0',
      '/v1/orgs/org-1/salesforce/services/data/v62.0/limits',
    ]) {
      expect(
        problemCode(() => atRoot(url)),
        url,
      ).toBe('VALIDATION_FAILED');
    }
    // The org mount's prefix read at the root (or the root's at the org mount) is no target.
    expect(problemCode(() => upstreamTarget('/services/data/v62.0/limits'))).toBe('VALIDATION_FAILED');
  });

  it('passes Apex REST through', () => {
    expect(upstreamTarget(`${PREFIX}/services/apexrest/acme/orders/42?expand=1`)).toEqual({ path: '/services/apexrest/acme/orders/42', query: 'expand=1', versionsList: false });
    expect(problemCode(() => upstreamTarget(`${PREFIX}/services/apexrest/`))).toBe('VALIDATION_FAILED');
    expect(problemCode(() => upstreamTarget(`${PREFIX}/services/apexrest/%2e%2e/oauth2/token`))).toBe('VALIDATION_FAILED');
  });

  it('lets a literal percent sign through inside a value, but not a malformed escape', () => {
    expect(upstreamTarget(`${PREFIX}/services/data/v62.0/sobjects/Lead/Ext__c/50%25off`).path).toBe('/services/data/v62.0/sobjects/Lead/Ext__c/50%25off');
    for (const segment of ['%E0%A4%A', '%C0%AE%C0%AE', '%zz', '%', '%252e%252e%252f%zz']) {
      expect(
        problemCode(() => upstreamTarget(`${PREFIX}/services/data/v62.0/sobjects/${segment}`)),
        segment,
      ).toBe('VALIDATION_FAILED');
    }
  });

  it.each([
    '/services/data/v62.0/%2e',
    '/services/data/v62.0/%252E%252E',
    '/services/data/v62.0/a%2fb',
    '/services/data/v62.0/a%5cb',
    '/services/data/v62.0/a\\b',
    '/services/data/v62.0/a%00',
    '/services/data/v62.0/a%0Ab',
    '/services/data/v62.0/a%7Fb',
    '/services/data/v62.0/a b',
    '/services/data/v62.0/a\u00e9',
    '/services/oauth2/token',
    '/services/oauth2/userinfo/../token',
    '/services/apexrest',
    '/services/data/vX/a',
    '/services/data/v62.0.1/a',
    '/services/Soap/u/62.0',
  ])('refuses %s', (path) => {
    expect(problemCode(() => upstreamTarget(`${PREFIX}${path}`))).toBe('VALIDATION_FAILED');
  });

  it('refuses a query string over 16 KB or with raw spaces or 8-bit bytes', () => {
    expect(upstreamTarget(`${PREFIX}/services/data/v62.0/query?q=${'x'.repeat(MAX_QUERY_BYTES - 2)}`).query).toHaveLength(MAX_QUERY_BYTES);
    expect(problemCode(() => upstreamTarget(`${PREFIX}/services/data/v62.0/query?q=${'x'.repeat(MAX_QUERY_BYTES)}`))).toBe('VALIDATION_FAILED');
    expect(problemCode(() => upstreamTarget(`${PREFIX}/services/data/v62.0/query?q=a b`))).toBe('VALIDATION_FAILED');
    expect(problemCode(() => upstreamTarget(`${PREFIX}/services/data/v62.0/query?q=\u00e9`))).toBe('VALIDATION_FAILED');
  });

  it('builds the upstream URL on the instance, and nowhere else', () => {
    const target = upstreamTarget(`${PREFIX}/services/data/v62.0/limits?x=1`);
    expect(upstreamUrl('https://na1.my.salesforce.com/', target)).toBe('https://na1.my.salesforce.com/services/data/v62.0/limits?x=1');
    expect(problemCode(() => upstreamUrl('https://na1.my.salesforce.com', { path: '/services/data/v62.0/#@evil.example/', query: undefined, versionsList: false }))).toBe('VALIDATION_FAILED');
  });
});

describe('forwarded headers', () => {
  it('forwards only the allowlist and every Sforce-* header, never Authorization, and labels the call as ours', () => {
    const picked = pickRequestHeaders(
      {
        authorization: 'Bearer cb_secret',
        cookie: 'a=b',
        host: 'x',
        'x-forwarded-for': '10.0.0.1',
        accept: 'application/json',
        'accept-language': 'de-DE',
        'sforce-query-options': 'batchSize=500',
        'sforce-duplicate-rule-header': 'allowSave=true',
        'sforce-mru': 'updateMru=true',
        'x-prettyprint': '1',
      },
      'callbudget',
    );
    expect(picked).toEqual({
      accept: 'application/json',
      'accept-language': 'de-DE',
      'sforce-query-options': 'batchSize=500',
      'sforce-duplicate-rule-header': 'allowSave=true',
      'sforce-mru': 'updateMru=true',
      'x-prettyprint': '1',
      'sforce-call-options': 'client=callbudget',
    });
  });

  it("appends our name to the client's own label and keeps the other options", () => {
    expect(withClientOption('client=theirs, defaultNamespace=acme', 'callbudget')).toBe('client=theirs via callbudget, defaultNamespace=acme');
    expect(withClientOption('defaultNamespace=acme,client = sfdx toolbelt:', 'callbudget')).toBe('client=sfdx toolbelt: via callbudget, defaultNamespace=acme');
    expect(withClientOption('client=', 'callbudget')).toBe('client=callbudget');
    expect(withClientOption(undefined, 'callbudget')).toBe('client=callbudget');
  });

  it.each(['a\r\nX-Evil: 1', 'a\nb', 'a\u0000', 'caf\u00e9'])('refuses the header value %j', (value) => {
    expect(problemCode(() => pickRequestHeaders({ 'if-none-match': value }, 'callbudget'))).toBe('VALIDATION_FAILED');
    expect(problemCode(() => pickRequestHeaders({ 'sforce-mru': value }, 'callbudget'))).toBe('VALIDATION_FAILED');
  });

  it('returns only the allowlisted response headers, in Salesforce casing', () => {
    expect(
      pickResponseHeaders({
        'content-type': 'application/json;charset=UTF-8',
        'sforce-limit-info': 'api-usage=1/15000',
        'sforce-locator': 'MjAwMDAw',
        'sforce-numberofrecords': '2',
        'set-cookie': 'x',
        etag: '"1"',
        location: '/x',
      }),
    ).toEqual({
      'Content-Type': 'application/json;charset=UTF-8',
      'Sforce-Limit-Info': 'api-usage=1/15000',
      'Sforce-Locator': 'MjAwMDAw',
      'Sforce-Numberofrecords': '2',
      ETag: '"1"',
      Location: '/x',
    });
  });
});

describe('readForwardRequest', () => {
  const read = (method: string, headers: Record<string, string> = {}) => readForwardRequest({ method, url: `${PREFIX}/services/data/v62.0/limits`, headers }, 'callbudget', ORG_MOUNT.prefixSegments);

  it('defaults to sync priority and takes a valid one from X-Callbudget-Priority', () => {
    expect(read('GET').priority).toBe('sync');
    expect(read('GET', { 'x-callbudget-priority': 'Bulk' }).priority).toBe('bulk');
    expect(problemCode(() => read('GET', { 'x-callbudget-priority': 'urgent' }))).toBe('VALIDATION_FAILED');
  });

  it('refuses other methods with 405', () => {
    expect(problemCode(() => read('OPTIONS'))).toBe('METHOD_NOT_ALLOWED');
    expect(problemCode(() => readForwardRequest({ method: 'DELETE', url: `${PREFIX}/services/data/`, headers: {} }, 'callbudget', ORG_MOUNT.prefixSegments))).toBe('METHOD_NOT_ALLOWED');
  });

  it('keeps body bytes for POST, PUT and PATCH only', async () => {
    const bytes = Buffer.from('{"bad json', 'utf8');
    expect((await withBody(read('POST'), bytes)).body).toBe(bytes);
    expect((await withBody(read('PATCH'), undefined)).body).toEqual(Buffer.alloc(0));
    expect((await withBody(read('DELETE'), bytes)).body).toBeUndefined();
  });
});
