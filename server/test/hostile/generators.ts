/**
 * fast-check generators of malformed requests for every route the app registered. Each request
 * carries at least one part that is invalid by construction (a bad key, a missing org, a body the
 * schema must refuse, a query the pull must refuse, a hostile passthrough target, …) and, around
 * it, parts that are valid or merely noisy. So every answer must be a 4xx, and nothing may reach
 * Salesforce: if something does, the generator made a valid request, or the server has a hole.
 */
import fc from 'fast-check';
import type { RouteLogEntry } from '../../src/app.ts';
import type { HostileKeys } from './support.ts';

/** One generated request; `invalid` names the parts that were made invalid on purpose. */
export interface FuzzRequest {
  route: string;
  invalid: string[];
  method: string;
  /** Path and query as handed to inject (which normalises the URL as WHATWG URL does). */
  url: string;
  headers: Record<string, string | string[]>;
  payload?: string | Buffer | { huge: number };
  remoteAddress: string;
  /** Problem codes the answer may carry: one per invalid part (the first check that fails wins). */
  expected: string[];
}

/** A request for the raw client: bytes inject cannot send (dot segments, control bytes, broken HTTP). */
export interface RawFuzzRequest {
  route: string;
  invalid: string[];
  method: string;
  head: string;
  body?: Buffer;
}

export interface FuzzContext {
  orgId: string;
  otherOrgId: string;
  keys: HostileKeys;
  /** Remote addresses the fuzz claims to come from (never 127.0.0.1, shared with other tests). */
  addresses: string[];
}

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

/** Strings aimed at SOQL, JSON, paths, logs and Redis key patterns. */
export const INJECTIONS = [
  "'", "''", "\\'", "\\\\'", "' OR ''='", "x' OR Name != '", "' OR Id != null --", 'OR Id != null', "Lead' OR Id != null",
  "'; DELETE FROM Lead; --", '＇ OR ＇＇=＇', '’ OR ’’=’', '%27%20OR%20%27%27%3D%27', '%2527', '\u0000', 'a\u0000b', '\n', '\r\nX-Injected: 1',
  'Name, (SELECT Id FROM Contacts)', 'Id FROM Lead WHERE Name LIKE', '"', '\\', '\\u0027', '${jndi:ldap://x/a}', '{{7*7}}', '<script>alert(1)</script>',
  '../../../../etc/passwd', '..%2f..%2f', '%2e%2e%2f', '*', '?', '[a-z]', '{org:x}', 'cb:*', '__proto__', 'constructor', 'prototype', 'toString',
  'hasOwnProperty', 'NaN', 'Infinity', '-0', '1e309', 'null', 'undefined', 'true', '\uFEFF', '\u202E', '\uD800', '\uDFFF', '𝕏𝕐𝕑', 'ß', 'İ', 'ﬁ',
];

/** Unicode, binary, NUL-laden, injection-shaped and huge strings. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([a, b]) => `${a}\u0000${b}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', 'é', '𝕏', "'", '\u0000'), fc.integer({ min: 300, max: 70_000 })).map(([c, n]) => c.repeat(n)) },
);

/** JSON values of the wrong type for a string field. */
const notAString: fc.Arbitrary<unknown> = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }));
/** JSON values of the wrong type for a number field. */
const notANumber: fc.Arbitrary<unknown> = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('1', '100', '1e3', ''), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.constant({}));
/** Neither an object nor null: what a body that must be an object is not. */
const notAnObject: fc.Arbitrary<unknown> = fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }), fc.string({ maxLength: 20 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean());

/** encodeURIComponent that survives lone surrogates (it throws on them). */
export const enc = (text: string): string => encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

const hex = (n: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
const b64url = (min: number, max: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: min, maxLength: max });

/** Text that is not JSON at all, or JSON cut short. */
function malformedJson(valid: unknown): fc.Arbitrary<string> {
  const text = JSON.stringify(valid);
  return fc.oneof(
    fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((n) => text.slice(0, n)),
    fc.constantFrom('{', '}', '{"a":}', "{'a':1}", '{"a":NaN}', '{"a":1,}', '[1,2', 'nul', 'undefined', '\uFEFF{"a"', '{"a":"\u0000', '{"a":"\\x41"}', '{"a":01}', '{a:1}', '{"a":1}{"b":2}', '\u0000'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).filter((s) => !isJson(s)),
  );
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A body that must be a JSON object, made invalid: not JSON, not an object, or a bad field. */
interface BodySpec {
  template: Record<string, unknown>;
  required: string[];
  /** Per field, values the schema must refuse. */
  bad: Record<string, fc.Arbitrary<unknown>>;
  /** Whole-body corruptions besides the generic ones (JSON text or value). */
  extra?: fc.Arbitrary<{ label: string; text: string }>;
}

function invalidBody(spec: BodySpec): fc.Arbitrary<{ label: string; text: string }> {
  const fields = Object.keys(spec.bad);
  const allowed = new Set([...Object.keys(spec.template), ...fields]);
  const options: fc.Arbitrary<{ label: string; text: string }>[] = [
    malformedJson(spec.template).map((text) => ({ label: 'body:malformed-json', text })),
    notAnObject.map((v) => ({ label: 'body:not-an-object', text: JSON.stringify(v) })),
    fc.tuple(fc.oneof(hostileString, fc.constantFrom('constructor', 'prototype', 'isAdmin', 'role', 'toString', 'valueOf')).filter((k) => !allowed.has(k) && k !== '__proto__'), fc.jsonValue({ maxDepth: 2 }))
      .map(([key, value]) => ({ label: 'body:extra-field', text: JSON.stringify({ ...spec.template, [key]: value }) })),
    // JSON.parse keeps "__proto__" as an own key; the parser must refuse it, not merge it.
    fc.constantFrom('{"isAdmin":true}', '{"polluted":1}', 'null', '[]').map((inner) => ({ label: 'body:__proto__', text: JSON.stringify(spec.template).replace(/^\{/, `{"__proto__":${inner},`).replace(/,\}$/, '}') })),
    fc.constant({ label: 'body:constructor.prototype', text: JSON.stringify({ ...spec.template, constructor: { prototype: { polluted: 1 } } }) }),
    fc.constantFrom(...fields).chain((field) => spec.bad[field]!.map((value) => ({ label: `body:bad-${field}`, text: JSON.stringify({ ...spec.template, [field]: value }) }))),
  ];
  if (spec.required.length > 0) {
    options.push(fc.constantFrom(...spec.required).map((field) => {
      const { [field]: _gone, ...rest } = spec.template;
      return { label: `body:missing-${field}`, text: JSON.stringify(rest) };
    }));
  }
  if (spec.extra) options.push(spec.extra);
  return fc.oneof(...options);
}

const ORG_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const SALESFORCE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
const CRM_FIELD = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const RESERVED_CRM = new Set(['id', 'sobject', 'modifiedat', '__proto__', 'constructor', 'prototype']);
const PLANS = ['trial', 'essential', 'advanced', 'ultimate'];

/** Salesforce credentials every credentials schema must refuse (so no login is ever tried). */
const badCredentials: fc.Arbitrary<unknown> = fc.oneof(
  notAnObject,
  fc.constant({}),
  fc.constantFrom('magic', 'oauth', 'PASSWORD', '', null).map((kind) => ({ kind, loginUrl: 'https://login.salesforce.com', clientId: 'a', clientSecret: 'b', username: 'u', password: 'p' })),
  fc.constantFrom('javascript:alert(1)', 'file:///etc/passwd', 'ftp://example.com', 'not a url', '', 'gopher://127.0.0.1:6379/_PING', '//example.com')
    .map((loginUrl) => ({ kind: 'password', loginUrl, clientId: 'a', clientSecret: 'b', username: 'u', password: 'p' })),
  fc.constantFrom('clientId', 'clientSecret', 'username', 'password').map((missing) => {
    const creds: Record<string, string> = { kind: 'password', loginUrl: 'https://login.salesforce.com', clientId: 'a', clientSecret: 'b', username: 'u', password: 'p' };
    delete creds[missing];
    return creds;
  }),
  fc.constant({ kind: 'password', loginUrl: 'https://login.salesforce.com', clientId: 'a', clientSecret: '', username: 'u', password: 'p' }),
  fc.constant({ kind: 'password', loginUrl: 'https://login.salesforce.com', clientId: 'a', clientSecret: 'b', username: 'u', password: 'p', extra: true }),
  fc.constant({ kind: 'jwt', loginUrl: 'https://login.salesforce.com', clientId: 'a', username: 'u', privateKey: 'k'.repeat(16_385) }),
  fc.constant({ kind: 'access-token', instanceUrl: 'ftp://x.example', accessToken: 't' }),
  fc.constant({ kind: 'access-token', instanceUrl: 'https://x.example', accessToken: '' }),
);

const ORG_FIELDS_BAD: Record<string, fc.Arbitrary<unknown>> = {
  name: fc.oneof(fc.constantFrom('', '   ', '\t\n', 'x'.repeat(201)), notAString),
  plan: fc.oneof(hostileString.filter((p) => !PLANS.includes(p)), notAString),
  dailyLimit: fc.oneof(fc.constantFrom(0, -1, 1.5, 1_000_000_001, -0.5), notANumber),
  reservePercent: fc.oneof(fc.constantFrom(90.5, 91, -1, 1000), notANumber),
  thresholds: fc.oneof(notAnObject, fc.constant({ interactive: 2, sync: 0.5, bulk: 0.5 }), fc.constant({ interactive: 0.5 }), fc.constant({ interactive: 0.5, sync: 0.5, bulk: 0.5, x: 1 }), fc.constant({ interactive: '0.5', sync: 0.5, bulk: 0.5 })),
  salesforce: badCredentials,
  corsOrigins: fc.oneof(fc.string(), fc.constant(['']), fc.constant(Array.from({ length: 51 }, () => 'https://a.example')), fc.constant(['x'.repeat(301)]), fc.constant([1]), fc.constant({})),
};

const createOrgBody = (suffix: string): BodySpec => ({
  template: { id: `zz-nx-new-${suffix}`, name: 'Fuzz', plan: 'advanced', dailyLimit: 100 },
  required: ['id', 'name'],
  bad: { ...ORG_FIELDS_BAD, id: fc.oneof(hostileString.filter((id) => !ORG_ID.test(id)), fc.constantFrom('A', '-a', 'a'.repeat(64), 'a_b', 'a.b', 'é'), notAString) },
});

const PATCH_ORG_BODY: BodySpec = { template: {}, required: [], bad: ORG_FIELDS_BAD };

const KEY_BODY: BodySpec = {
  template: { kind: 'sync', name: 'fuzz' },
  required: ['kind'],
  bad: {
    kind: fc.oneof(hostileString.filter((k) => !['admin', 'sync', 'widget'].includes(k)), notAString),
    role: fc.constantFrom('administrator', 'salesperson', 'root', '', null, 1),
    name: fc.oneof(fc.constantFrom('', '   ', 'x'.repeat(101)), notAString),
    expiresInDays: fc.oneof(fc.constantFrom(0, 366, 1.5, -1, 1e9), notANumber),
  },
  extra: fc.constant({ label: 'body:admin-without-role', text: JSON.stringify({ kind: 'admin', name: 'x' }) }),
};

const badMapping: fc.Arbitrary<{ label: string; value: unknown }> = fc.oneof(
  fc.oneof(hostileString, fc.constantFrom('Id', 'SObject', 'modifiedAt', 'MODIFIEDAT', '__proto__', 'constructor', 'prototype', '1abc', 'a-b', 'a b', 'x'.repeat(65)))
    .filter((name) => !CRM_FIELD.test(name) || RESERVED_CRM.has(name.toLowerCase()))
    .map((crmField) => ({ label: 'mapping:crmField', value: { crmField, salesforceField: 'Name', conflict: 'recent' } })),
  fc.oneof(hostileString, fc.constantFrom('Name, Id', 'Name FROM Lead --', 'Name)', '1Name', '_Name', 'Name__c ', 'x'.repeat(81), ''))
    .filter((name) => !SALESFORCE_NAME.test(name))
    .map((salesforceField) => ({ label: 'mapping:salesforceField', value: { crmField: 'fuzzField', salesforceField, conflict: 'recent' } })),
  fc.oneof(hostileString.filter((c) => !['crm', 'salesforce', 'recent'].includes(c)), notAString).map((conflict) => ({ label: 'mapping:conflict', value: { crmField: 'fuzzField', salesforceField: 'Name', conflict } })),
  notAString.map((salesforceField) => ({ label: 'mapping:salesforceField-type', value: { crmField: 'fuzzField', salesforceField: salesforceField === null ? 1 : salesforceField, conflict: 'recent' } })),
  fc.constant({ label: 'mapping:extra-key', value: { crmField: 'fuzzField', salesforceField: 'Name', conflict: 'recent', soql: "' OR ''='" } }),
  fc.constant({ label: 'mapping:missing-conflict', value: { crmField: 'fuzzField', salesforceField: 'Name' } }),
  notAnObject.map((value) => ({ label: 'mapping:not-an-object', value })),
);

const MAPPINGS_BODY: BodySpec = {
  template: { mappings: [{ crmField: 'fuzzField', salesforceField: 'Name', conflict: 'recent' }] },
  required: ['mappings'],
  bad: { mappings: fc.oneof(notAnObject.filter((v) => !Array.isArray(v)), fc.constant({})) },
  extra: fc.oneof(
    fc.tuple(badMapping, fc.nat({ max: 3 })).map(([m, at]) => {
      const list: unknown[] = [{ crmField: 'okField', salesforceField: 'Email', conflict: 'crm' }, { crmField: 'okOther', salesforceField: null, conflict: 'crm' }];
      list.splice(at % (list.length + 1), 0, m.value);
      return { label: `body:${m.label}`, text: JSON.stringify({ mappings: list }) };
    }),
    fc.constant({ label: 'body:duplicate-crmField', text: JSON.stringify({ mappings: [{ crmField: 'a', salesforceField: 'Name', conflict: 'crm' }, { crmField: 'a', salesforceField: 'Email', conflict: 'crm' }] }) }),
    fc.constant({ label: 'body:501-mappings', text: JSON.stringify({ mappings: Array.from({ length: 501 }, (_, i) => ({ crmField: `f${i}`, salesforceField: null, conflict: 'crm' })) }) }),
  ),
};

const okRecord = { lastName: 'Fuzz', company: 'Fuzz Inc' };
const PUSH_BODY: BodySpec = {
  template: { operation: 'create', records: [okRecord] },
  required: ['operation', 'records'],
  bad: {
    operation: fc.oneof(hostileString.filter((o) => !['create', 'update', 'upsert'].includes(o)), fc.constantFrom('delete', 'CREATE', 'Create', 'insert'), notAString),
    records: fc.oneof(notAnObject.filter((v) => !Array.isArray(v)), fc.constant([]), fc.constant({}), fc.constant(null)),
    allOrNone: fc.oneof(fc.constantFrom('true', 1, 0, 'false', null), fc.constant({})),
    externalIdField: fc.oneof(fc.constant('Crm_Id__c'), fc.constant('Id')),
  },
  extra: fc.oneof(
    fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.boolean())
      .map((r) => ({ label: 'body:record-not-an-object', text: JSON.stringify({ operation: 'create', records: [okRecord, r] }) })),
    fc.constantFrom('constructor', 'prototype').map((key) => ({ label: `body:record-${key}-key`, text: JSON.stringify({ operation: 'create', records: [{ ...okRecord, [key]: { polluted: true } }] }) })),
    fc.constant({ label: 'body:record-__proto__-key', text: `{"operation":"create","records":[{"lastName":"x","__proto__":{"polluted":true}}]}` }),
    fc.constant({ label: 'body:2001-records', text: JSON.stringify({ operation: 'create', records: Array.from({ length: 2001 }, () => okRecord) }) }),
    fc.constant({ label: 'body:upsert-without-key', text: JSON.stringify({ operation: 'upsert', records: [okRecord] }) }),
    hostileString.filter((f) => !SALESFORCE_NAME.test(f)).map((externalIdField) => ({ label: 'body:upsert-bad-key', text: JSON.stringify({ operation: 'upsert', externalIdField, records: [okRecord] }) })),
    fc.integer({ min: 200, max: 5000 }).map((depth) => ({ label: 'body:deep-record', text: `{"operation":"create","records":[${'['.repeat(depth)}${']'.repeat(depth)}]}` })),
  ),
};

const WIDGET_SESSION_BODY: BodySpec = {
  template: { ttlSeconds: 900 },
  required: [],
  bad: { ttlSeconds: fc.oneof(fc.constantFrom(0, 59, 1.5, -1, 1e12), notANumber) },
};

// ---------------------------------------------------------------------------------------------
// Route parts
// ---------------------------------------------------------------------------------------------

type Principal = keyof HostileKeys;

/** Authorization headers that authenticate nobody, or somebody every org route refuses. */
function badAuthorization(keys: HostileKeys): fc.Arbitrary<{ label: string; header?: string | string[] }> {
  const anyKey = fc.constantFrom(keys.administrator, keys.sync, keys.widget, keys.operator);
  return fc.oneof(
    fc.constant({ label: 'auth:none' }),
    fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Token abc', 'Bearer\tcbk_', 'bearer null', 'Bearer undefined', 'Digest x')
      .map((header) => ({ label: 'auth:garbage', header })),
    hostileString.filter((s) => s.length > 0).map((s) => ({ label: 'auth:hostile', header: `Bearer ${s}` })),
    fc.tuple(hex(16), b64url(43, 43)).map(([id, rest]) => ({ label: 'auth:unknown-key', header: `Bearer cbk_${id}_${rest}` })),
    anyKey.chain((key) => fc.constantFrom(`${key}x`, key.slice(0, -1), key.toUpperCase(), `${key} ${key}`, `x${key}`, key.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))).map((bad) => ({ label: 'auth:mangled-key', header: `Bearer ${bad}` }))),
    anyKey.map((key) => ({ label: 'auth:key-without-scheme', header: key })),
    fc.integer({ min: 513, max: 20_000 }).map((n) => ({ label: 'auth:huge', header: `Bearer ${'a'.repeat(n)}` })),
    fc.constant({ label: 'auth:revoked', header: `Bearer ${keys.revoked}` }),
    fc.constant({ label: 'auth:other-org', header: `Bearer ${keys.otherOrg}` }),
    fc.constant({ label: 'auth:salesperson', header: `Bearer ${keys.salesperson}` }),
  );
}

const SYNC_CAPABILITIES = new Set(['sync', 'passthrough', 'settings:read']);
const WIDGET_CAPABILITIES = new Set(['usage:read', 'checklist:read', 'notifications:read']);

/** Principals allowed to use a capability (a guess on the safe side: unknown ones get operator and administrator). */
function allowedPrincipals(capability: string | undefined): Principal[] {
  if (capability === undefined) return ['operator'];
  return ['operator', 'administrator', ...(SYNC_CAPABILITIES.has(capability) ? ['sync' as const] : []), ...(WIDGET_CAPABILITIES.has(capability) ? ['widget' as const] : [])];
}

function goodAuthorization(keys: HostileKeys, capability: string | undefined): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...allowedPrincipals(capability)), fc.constantFrom('Bearer', 'Bearer', 'bearer', 'OAuth', 'BEARER')).map(([who, scheme]) => `${scheme} ${keys[who]}`);
}

/** Org ids that name no org (never one another test could have made): encoded, long, hostile. */
function badOrgId(ctx: FuzzContext): fc.Arbitrary<{ label: string; segment: string }> {
  return fc.oneof(
    hex(8).map((h) => ({ label: 'org:unknown', segment: `zz-nx-${h}` })),
    fc.constantFrom(ctx.orgId.toUpperCase(), `${ctx.orgId}-`, ` ${ctx.orgId}`, `${ctx.orgId}%00`, `${ctx.orgId}%20`, `${ctx.orgId}.`, `${ctx.orgId}%2f`, `${ctx.orgId}*`).map((segment) => ({ label: 'org:near-miss', segment })),
    fc.constantFrom('%2e%2e%2f%2e%2e%2f', '..%2f..%2fcb', '%252e%252e', '%00', '%ff', '%C0%AE', '%zz', '{org:x}', '%7Borg%3Ax%7D', '*', 'cb%3A*', '%E2%80%AE', '%F0%9D%95%8F', 'a%0d%0aX-Injected:%201', '-', '_', '~')
      .map((segment) => ({ label: 'org:encoded', segment })),
    fc.integer({ min: 64, max: 20_000 }).map((n) => ({ label: 'org:long', segment: 'a'.repeat(n) })),
    hostileString.filter((s) => s.length > 0 && !ORG_ID.test(s)).map((s) => ({ label: 'org:hostile', segment: enc(s) })),
  );
}

const PULL_RELATIONSHIPS = ['leads', 'contacts', 'accounts', 'campaigns', 'opportunities', 'custom-fields'];
const PUSH_RELATIONSHIPS = ['leads', 'contacts', 'campaigns', 'custom-fields', 'lead-score', 'events'];
const ALL_RELATIONSHIPS = ['accounts', 'campaigns', 'opportunities', 'leads', 'contacts', 'custom-fields', 'lead-score', 'events'];

const badRelationship: fc.Arbitrary<{ label: string; segment: string }> = fc.oneof(
  fc.constantFrom('lead', 'Leads', 'LEADS', 'leads%00', 'leads%20', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf', '%2e%2e', 'leads;drop', 'leads%27%20OR%20%27%27%3D%27', 'custom_fields', 'Lead', '*')
    .map((segment) => ({ label: 'relationship:unknown', segment })),
  hostileString.filter((s) => s.length > 0 && !ALL_RELATIONSHIPS.includes(s)).map((s) => ({ label: 'relationship:hostile', segment: enc(s) })),
  fc.integer({ min: 101, max: 5000 }).map((n) => ({ label: 'relationship:long', segment: 'l'.repeat(n) })),
);

/** Pull queries the pull must refuse (each alone is enough). */
function badPullQuery(): fc.Arbitrary<{ label: string; query: string }> {
  const ISO_PREFIX = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;
  const cursorOf = (body: unknown): string => Buffer.from(JSON.stringify(body)).toString('base64url');
  return fc.oneof(
    fc.oneof(
      hostileString.filter((s) => !ISO_PREFIX.test(s)),
      fc.constantFrom('2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:60:00Z', '2026-01-01', '2026-01-01T00:00:00', '2026-01-01 00:00:00Z',
        '10000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '2026-01-01T00:00:00.1234Z', '2026-01-01T00:00:00+24:00', '2026-01-01T00:00:00Z OR Id != null', "2026-01-01T00:00:00Z' OR ''='",
        '2026-01-01T00:00:00Z\u0000', '２０２６-01-01T00:00:00Z', 'now', 'TODAY', 'LAST_N_DAYS:1', '0', '-1', '1767225600000', `2026-01-01T00:00:00Z${'0'.repeat(70)}`),
    ).map((since) => ({ label: 'query:since', query: `since=${enc(since)}` })),
    fc.oneof(
      hostileString.map((c) => enc(c)),
      b64url(1, 40),
      b64url(257, 400),
      fc.constantFrom({ v: 2, o: 'Lead', t: 0, id: '00Q000000000001AAA' }, { v: 1, o: "Lead' OR Id != null", t: 0, id: '00Q000000000001AAA' }, { v: 1, o: 'Contact', t: 0, id: '003000000000001AAA' },
        { v: 1, o: 'Lead', t: -1, id: '00Q000000000001AAA' }, { v: 1, o: 'Lead', t: 1.5, id: '00Q000000000001AAA' }, { v: 1, o: 'Lead', t: '0', id: '00Q000000000001AAA' }, { v: 1, o: 'Lead', t: 1e20, id: '00Q000000000001AAA' },
        { v: 1, o: 'Lead', t: 0, id: "x' OR Id != null" }, { v: 1, o: 'Lead', t: 0, id: '00Q00000000000' }, { v: 1, o: 'Lead', t: 0 }, [1, 2], 'Lead', null)
        .map(cursorOf),
    ).map((cursor) => ({ label: 'query:cursor', query: `cursor=${cursor}` })),
    fc.oneof(fc.constantFrom('0', '2001', '99999', '-1', '1.5', '1e3', ' 5', '5 ', 'abc', '', '0x10', '0000', '10%00', "5' OR 1=1", 'Infinity'), hostileString)
      .filter((l) => !/^[0-9]{1,4}$/.test(l) || Number(l) < 1 || Number(l) > 2000)
      .map((limit) => ({ label: 'query:limit', query: `limit=${enc(limit)}` })),
    fc.oneof(fc.constantFrom('Lead%27%20OR%20Id%20!%3D%20null', 'lead', 'LEAD', 'Lead%00', 'User', 'Lead,Contact', 'Lead%20WHERE%20Id%20!%3D%20null', ''), hostileString.map(enc))
      .filter((s) => !['Lead', 'Contact', 'Account', 'Campaign', 'Opportunity', 'Event'].includes(decodeURIComponent(s)))
      .map((sobject) => ({ label: 'query:sobject', query: `sobject=${sobject}` })),
    fc.tuple(fc.oneof(fc.constantFrom('q', 'where', 'fields', 'order', '__proto__', 'constructor', 'since[]', 'Since', 'LIMIT', 'cursor[0]', ''), hostileString.map(enc)), hostileString)
      .filter(([key]) => !['since', 'cursor', 'limit', 'sobject'].includes(decodeURIComponent(key)))
      .map(([key, value]) => ({ label: 'query:extra-param', query: `${key}=${enc(value)}` })),
    fc.constant({ label: 'query:since-and-cursor', query: `since=2026-01-01T00:00:00Z&cursor=${cursorOf({ v: 1, o: 'Lead', t: 0, id: '00Q000000000001AAA' })}` }),
    fc.constantFrom('since', 'limit', 'sobject', 'cursor').map((key) => ({ label: 'query:repeated', query: `${key}=${key === 'limit' ? '5' : key === 'sobject' ? 'Lead' : key === 'since' ? '2026-01-01T00%3A00%3A00Z' : 'x'}&${key}=${key === 'limit' ? '5' : key === 'sobject' ? 'Lead' : key === 'since' ? '2026-01-01T00%3A00%3A00Z' : 'x'}` })),
    fc.integer({ min: 70, max: 20_000 }).map((n) => ({ label: 'query:since-huge', query: `since=2026-01-01T00:00:00Z${'9'.repeat(n)}` })),
  );
}

/** Harmless additions to a valid pull query. */
const okPullQuery = fc.constantFrom('', 'limit=5', 'since=2026-01-01T00%3A00%3A00Z', 'limit=2000&since=2030-01-01T00%3A00%3A00.000%2B01%3A00');

/** Passthrough targets under `/services/data/` the passthrough must refuse, written so inject's URL parsing keeps them. */
const badPassthroughPath: fc.Arbitrary<string> = fc.constantFrom(
  'v62.0/sobjects%2f..%2flimits', 'v62.0/sobjects%2F..', 'v62.0/sobjects/%252e%252e/limits', 'v62.0/sobjects/%25252e%25252e/limits', 'v62.0/sobjects/Lead%252fx',
  'v62.0/sobjects%5c..%5climits', 'v62.0//sobjects', 'v62.0/sobjects/Lead%00', 'v62.0/sobjects/Lead%2500', 'v62.0/sobjects/Lead%0d%0aX-Injected:%20yes',
  'sobjects/Lead', 'v62/sobjects/Lead', 'latest/limits', 'v62.0.1/limits', 'vX.0/limits', 'v6200.0/limits', '%76%36%32%2e%30/limits', 'v62.0/sobjects/%C0%AE%C0%AE/limits',
  'v62.0/sobjects/%zz', 'v62.0/sobjects/%', 'v62.0/sobjects/%e0%80', 'v62.0/sobjects/Lead%09', 'v62.0/sobjects/Lead%7f', '..%2foauth2%2ftoken', 'v62.0/%2fetc%2fpasswd',
);

const okPassthroughPath = fc.constantFrom('v62.0/limits', 'v62.0/sobjects', 'v62.0/sobjects/Lead/describe', 'v62.0/query?q=SELECT+Id+FROM+Lead', 'v62.0/sobjects/Lead/00Q000000000001AAA', 'v62.0/composite/sobjects', '');

const FORWARDED = ['content-type', 'accept', 'if-modified-since', 'if-none-match', 'if-match', 'if-unmodified-since', 'sforce-query-options', 'sforce-auto-assign', 'sforce-call-options', 'x-prettyprint'];
const badHeaderValue = fc.constantFrom('é', 'ü'.repeat(100), '\u0000', 'a\u0000b', '\r\nX-Injected: 1', 'x\ny', '\u2028', '\x7f', '\x1b[31m', '𝕏', "’ OR ’’=’");
const badPriority = fc.constantFrom('urgent', 'high', '0', 'sync,bulk', 'ｓｙｎｃ', 'interactive!', '', 'null', "sync' OR ''='");

/** Headers that change nothing by themselves: proxies' headers, odd accepts, long junk. */
const noiseHeaders: fc.Arbitrary<Record<string, string | string[]>> = fc.dictionary(
  fc.constantFrom('x-forwarded-for', 'x-real-ip', 'forwarded', 'accept-language', 'user-agent', 'x-request-id', 'origin', 'referer', 'cookie', 'x-http-method-override', 'x-original-url', 'x-rewrite-url', 'x-callbudget-org', 'x-sandbox-key'),
  fc.oneof(hostileString.filter((s) => s.length < 4000), fc.constantFrom('127.0.0.1', '10.0.0.1, 127.0.0.1', 'text/html', '*/*', 'DELETE', '/v1/orgs', 'null')),
  { maxKeys: 3 },
);

/** Bodies sent where none is read: JSON, garbage bytes, a lot of nothing. */
const noiseBody: fc.Arbitrary<string | Buffer | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)) },
  { weight: 1, arbitrary: hostileString },
);

/** Content types that are not JSON: the JSON routes must answer 415 or refuse the text. */
const notJsonType = fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/vnd.api+json', 'text/html', 'application/octet-stream', 'image/png', 'json', '*/*', 'application/', 'garbage/é');
const jsonType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON');

/** The suffix that makes a path miss every route. */
const routeMiss = fc.constantFrom('/zz-nx', '.json', '/%00', '/..%2f', '/x/y/z', ';jsessionid=1', '%20', '/%2e%2e%2e');

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

interface Parts {
  auth: { label: string; header?: string | string[] };
  goodAuth: string;
  org: { label: string; segment: string };
  relationship: { label: string; segment: string };
  goodRelationship: string;
  wrongDirection: string;
  body: { label: string; text: string };
  contentType: string;
  goodContentType: string;
  query: { label: string; query: string };
  goodQuery: string;
  miss: string;
  noise: Record<string, string | string[]>;
  noiseBody: string | Buffer | undefined;
  noiseQuery: string;
  address: string;
  huge: boolean;
  keyId: string;
  pt: { path: string; goodPath: string; header: [string, string]; priority: string; method: string };
}

type PartName = 'auth' | 'org' | 'miss' | 'relationship' | 'direction' | 'body' | 'contentType' | 'query' | 'keyId' | 'ptPath' | 'ptHeader' | 'ptPriority' | 'ptQuery' | 'ptMethod' | 'huge';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Which body spec a route reads, by its URL; unknown routes get none (their body is noise). */
function bodySpecOf(route: RouteLogEntry, ctx: FuzzContext, suffix: string): BodySpec | undefined {
  const key = `${route.method} ${route.url}`;
  if (key === 'POST /v1/orgs') return createOrgBody(suffix);
  if (key === 'PATCH /v1/orgs/:orgId') return PATCH_ORG_BODY;
  if (key === 'POST /v1/orgs/:orgId/keys') return KEY_BODY;
  if (key === 'PUT /v1/orgs/:orgId/mappings/:relationship') return MAPPINGS_BODY;
  if (key === 'POST /v1/orgs/:orgId/sync/:relationship') return PUSH_BODY;
  if (key === 'POST /v1/orgs/:orgId/widget-sessions') return WIDGET_SESSION_BODY;
  void ctx;
  return undefined;
}

const isPassthrough = (route: RouteLogEntry): boolean => route.url.includes('/salesforce/services/data/');

/** The parts of a route that can be made invalid, each enough alone to refuse the request. */
function menuOf(route: RouteLogEntry, hasBody: boolean): PartName[] {
  if (route.url === '/v1/orgs' && route.method === 'POST') return ['auth', 'body', 'contentType', 'huge'];
  if (!route.url.startsWith('/v1/orgs/:orgId')) return ['miss'];
  if (isPassthrough(route)) {
    const menu: PartName[] = ['auth', 'org', 'ptPath', 'ptHeader', 'ptPriority', 'ptQuery'];
    return route.method === 'GET' ? [...menu, 'ptMethod'] : menu;
  }
  const menu: PartName[] = ['auth', 'org', 'miss'];
  if (route.url.includes(':relationship')) menu.push('relationship');
  if (route.url.endsWith('/sync/:relationship')) menu.push('direction');
  if (route.url.includes(':keyId')) menu.push('keyId');
  if (hasBody) menu.push('body', 'contentType', 'huge');
  if (route.url.endsWith('/sync/:relationship') && (route.method === 'GET' || route.method === 'HEAD')) menu.push('query');
  return menu;
}

/** Generator of requests for one route of the route log. */
export function requestsFor(route: RouteLogEntry, ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const name = `${route.method} ${route.url}`;
  const probe = bodySpecOf(route, ctx, 'x');
  const hasBody = probe !== undefined && BODY_METHODS.has(route.method);
  const menu = menuOf(route, hasBody);
  const pull = route.method === 'GET' || route.method === 'HEAD';
  const relationships = route.url.endsWith('/sync/:relationship') ? (pull ? PULL_RELATIONSHIPS : PUSH_RELATIONSHIPS) : ALL_RELATIONSHIPS;
  const wrongWay = pull ? ['lead-score', 'events'] : ['accounts', 'opportunities'];

  const parts: fc.Arbitrary<Parts> = fc.record({
    auth: badAuthorization(ctx.keys),
    goodAuth: goodAuthorization(ctx.keys, route.url === '/v1/orgs' ? undefined : route.capability),
    org: badOrgId(ctx),
    relationship: badRelationship,
    goodRelationship: fc.constantFrom(...relationships),
    wrongDirection: fc.constantFrom(...wrongWay),
    body: hex(6).chain((suffix) => invalidBody(bodySpecOf(route, ctx, suffix) ?? PATCH_ORG_BODY)),
    contentType: notJsonType,
    goodContentType: jsonType,
    query: badPullQuery(),
    goodQuery: okPullQuery,
    miss: routeMiss,
    noise: noiseHeaders,
    noiseBody,
    noiseQuery: fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.tuple(hostileString, hostileString).map(([k, v]) => `${enc(k)}=${enc(v)}`) }),
    address: fc.constantFrom(...ctx.addresses),
    huge: fc.constant(true),
    keyId: fc.oneof(hex(16).map((h) => h), fc.constantFrom('0123456789abcdef', 'ZZZZZZZZZZZZZZZZ', '%00', '..%2f..', 'x'.repeat(300)), hostileString.filter((s) => s.length > 0).map(enc)),
    pt: fc.record({
      path: badPassthroughPath,
      goodPath: okPassthroughPath,
      header: fc.tuple(fc.constantFrom(...FORWARDED), badHeaderValue),
      priority: badPriority,
      method: fc.constantFrom('OPTIONS', 'TRACE', 'PROPFIND', 'POST', 'PUT', 'PATCH', 'DELETE'),
    }),
  });

  // Mostly one invalid part, so the deep ones (body, query, passthrough target) are what the server meets.
  const chosenParts = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...menu).map((part) => [part]) }, { weight: 1, arbitrary: fc.subarray(menu, { minLength: 1 }) });
  return fc.tuple(chosenParts, parts).map(([chosen, p]): FuzzRequest => {
    const bad = new Set(chosen);
    const invalid: string[] = [];
    let method = route.method;
    const headers: Record<string, string | string[]> = { ...p.noise };
    if (bad.has('auth')) {
      invalid.push(p.auth.label);
      if (p.auth.header !== undefined) headers['authorization'] = p.auth.header;
    } else {
      headers['authorization'] = p.goodAuth;
    }

    // Path: the route's URL with its parameters filled, good or bad.
    let path = route.url.startsWith('/') ? route.url : '/';
    const org = bad.has('org') ? (invalid.push(p.org.label), p.org.segment) : ctx.orgId;
    path = path.replace(':orgId', org);
    if (path.includes(':relationship')) {
      let relationship = p.goodRelationship;
      if (bad.has('relationship')) (relationship = p.relationship.segment), invalid.push(p.relationship.label);
      else if (bad.has('direction')) (relationship = p.wrongDirection), invalid.push('relationship:wrong-direction');
      path = path.replace(':relationship', relationship);
    }
    if (path.includes(':keyId')) {
      // No generated key id names a key: it is always one of the request's invalid parts.
      path = path.replace(':keyId', p.keyId);
      invalid.push('keyId:unknown');
    }

    let query = p.noiseQuery;
    if (isPassthrough(route)) {
      // The versions list is read-only: a write to it would be refused for that reason instead.
      let target = p.pt.goodPath === '' && method !== 'GET' && method !== 'HEAD' ? 'v62.0/limits' : p.pt.goodPath;
      if (bad.has('ptPath')) (target = p.pt.path), invalid.push('passthrough:path');
      path = path.replace(/\*$/, target);
      query = '';
      if (bad.has('ptQuery')) (query = `q=${'A'.repeat(16 * 1024 + 1)}`), invalid.push('passthrough:query-too-long');
      if (bad.has('ptHeader')) (headers[p.pt.header[0]] = p.pt.header[1]), invalid.push(`passthrough:header-${p.pt.header[0]}`);
      if (bad.has('ptPriority')) (headers['x-callbudget-priority'] = p.pt.priority), invalid.push('passthrough:priority');
      if (bad.has('ptMethod')) {
        // A method the passthrough does not forward, or a write to the read-only versions list.
        method = p.pt.method;
        if (method === 'OPTIONS') invalid.push('passthrough:options');
        else if (['TRACE', 'PROPFIND'].includes(method)) invalid.push('passthrough:method');
        else (path = path.replace(/services\/data\/.*$/, 'services/data/')), invalid.push('passthrough:write-versions-list');
      }
    } else if (path.includes('*')) {
      path = path.replace(/\*$/, 'index.html');
    }
    if (bad.has('miss')) (path = route.url === '*' ? `/zz-nx${p.miss}` : `${path}${p.miss}`), invalid.push('path:no-route');

    if (route.url.endsWith('/sync/:relationship') && pull) {
      query = bad.has('query') ? (invalid.push(p.query.label), [p.query.query, p.goodQuery.replace(/(^|&)(since|limit)=[^&]*/g, '').replace(/^&/, '')].filter(Boolean).join('&')) : p.goodQuery;
    }

    let payload: FuzzRequest['payload'] = p.noiseBody;
    if (hasBody) {
      headers['content-type'] = p.goodContentType;
      const spec = bodySpecOf(route, ctx, 'ok')!;
      payload = JSON.stringify(spec.template);
      if (bad.has('body')) (payload = p.body.text), invalid.push(p.body.label);
      if (bad.has('contentType')) {
        headers['content-type'] = p.contentType;
        if (payload.length === 0) payload = '{}';
        invalid.push('content-type:not-json');
      }
      if (bad.has('huge')) (payload = { huge: 2 * 1024 * 1024 + 1 }), invalid.push('body:too-large');
    } else if (payload !== undefined && headers['content-type'] === undefined && method !== 'GET' && method !== 'HEAD') {
      headers['content-type'] = 'application/json';
    }
    if (method === 'GET' || method === 'HEAD') payload = undefined;
    const url = query ? `${path}?${query}` : path;
    const expected = new Set(invalid.flatMap((label) => codesFor(label, name)));
    // A noise body where none is read is still parsed (and may be refused) before anything else.
    if (!hasBody && payload !== undefined) for (const code of ['MALFORMED_JSON', 'VALIDATION_FAILED', 'UNSUPPORTED_MEDIA_TYPE']) expected.add(code);
    return { route: name, invalid, method, url, headers, ...(payload !== undefined ? { payload } : {}), remoteAddress: p.address, expected: [...expected] };
  });
}

/** The problem codes one invalid part may be refused with. */
export function codesFor(label: string, route: string): string[] {
  const [kind = '', detail = ''] = label.split(':');
  switch (kind) {
    case 'auth':
      if (route === 'POST /v1/orgs') return detail === 'salesperson' || detail === 'other-org' ? ['FORBIDDEN_SCOPE'] : ['UNAUTHENTICATED'];
      return detail === 'salesperson' ? ['FORBIDDEN_ROLE'] : detail === 'other-org' ? ['NOT_FOUND'] : ['UNAUTHENTICATED'];
    case 'org':
    case 'path':
    case 'keyId':
      // An escape the router cannot decode is refused while routing (400), before any lookup.
      return ['NOT_FOUND', 'VALIDATION_FAILED'];
    case 'relationship':
      return detail === 'wrong-direction' ? ['WRONG_DIRECTION'] : ['NOT_FOUND', 'VALIDATION_FAILED'];
    case 'body':
      return detail === 'too-large' ? ['BODY_TOO_LARGE'] : ['VALIDATION_FAILED', 'MALFORMED_JSON'];
    case 'content-type':
      // text/plain has a parser: the text then fails the schema.
      return ['UNSUPPORTED_MEDIA_TYPE', 'VALIDATION_FAILED'];
    case 'query':
      return ['VALIDATION_FAILED'];
    case 'passthrough':
      // OPTIONS belongs to the CORS preflight route, which answers 404 without an allowed Origin.
      if (detail === 'options') return ['NOT_FOUND'];
      return detail === 'method' || detail === 'write-versions-list' ? ['METHOD_NOT_ALLOWED'] : ['VALIDATION_FAILED'];
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Raw requests
// ---------------------------------------------------------------------------------------------

const DOT_FORMS = new Set(['..', '.', '%2e%2e', '.%2e', '%2e', '..\\..']);

/** Raw-only corruptions of a request line or its headers; each one alone must be refused. */
export function rawRequestsFor(route: RouteLogEntry, ctx: FuzzContext, host: string): fc.Arbitrary<RawFuzzRequest> {
  const name = `${route.method} ${route.url}`;
  const filled = (relationship: string): string =>
    (route.url.startsWith('/') ? route.url : '/healthz')
      .replace(':orgId', ctx.orgId)
      .replace(':relationship', relationship)
      .replace(':keyId', '0123456789abcdef')
      .replace(/\*$/, isPassthrough(route) ? 'v62.0/limits' : 'index.html');
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
  return fc.record({
    mode: fc.constantFrom('segment', 'segment', 'protocol'),
    relationship: fc.constantFrom('leads', 'contacts'),
    at: fc.nat(),
    segment: segmentCorruption,
    protocol,
    key: fc.constantFrom(ctx.keys.operator, ctx.keys.administrator, ctx.keys.sync),
  }).map(({ mode, relationship, at, segment, protocol: p, key }): RawFuzzRequest => {
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

// ---------------------------------------------------------------------------------------------
// Pushes whose body is well-formed but every record is refused on its own
// ---------------------------------------------------------------------------------------------

/** A push the schema accepts, each record carrying at least one field no mapping has. */
export interface RecordFuzzRequest {
  url: string;
  body: string;
  records: number;
}

export function pushesOfBadRecords(ctx: FuzzContext): fc.Arbitrary<RecordFuzzRequest> {
  const mappedish = fc.constantFrom('lastName', 'company', 'email', 'firstName', 'title', 'name', 'status', 'subject', 'score', 'color');
  const value = fc.oneof(hostileString, fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 50, max: 3000 }).map((d) => JSON.parse(`${'['.repeat(d)}${']'.repeat(d)}`) as unknown));
  const unknownKey = fc.oneof(fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789_'), minLength: 1, maxLength: 20 }).map((s) => `zz${s}`), hostileString.map((s) => `zz${s}`));
  const record = fc.record({
    unknown: fc.dictionary(unknownKey, value, { minKeys: 1, maxKeys: 3 }),
    known: fc.dictionary(mappedish, value, { maxKeys: 3 }),
    id: fc.option(fc.oneof(hostileString, fc.constantFrom('00Q000000000001AAA', '00Q0000000000', "00Q' OR Id != null")), { nil: undefined }),
    sobject: fc.option(fc.oneof(hostileString, fc.constantFrom('Lead', 'Contact', 'User')), { nil: undefined }),
    modifiedAt: fc.option(fc.oneof(hostileString, fc.constantFrom('2026-01-01T00:00:00Z', '2026-02-30T00:00:00Z')), { nil: undefined }),
  }).map(({ unknown, known, id, sobject, modifiedAt }) => ({
    ...known, ...unknown,
    ...(id !== undefined ? { id } : {}), ...(sobject !== undefined ? { sobject } : {}), ...(modifiedAt !== undefined ? { modifiedAt } : {}),
  }));
  return fc.record({
    relationship: fc.constantFrom(...PUSH_RELATIONSHIPS),
    operation: fc.constantFrom('create', 'update', 'upsert'),
    externalIdField: fc.constantFrom('Id', 'Crm_Id__c', 'LastName'),
    allOrNone: fc.option(fc.boolean(), { nil: undefined }),
    records: fc.array(record, { minLength: 1, maxLength: 30 }),
  }).map(({ relationship, operation, externalIdField, allOrNone, records }) => ({
    url: `/v1/orgs/${ctx.orgId}/sync/${relationship}`,
    body: JSON.stringify({ operation, ...(operation === 'upsert' ? { externalIdField } : {}), ...(allOrNone !== undefined ? { allOrNone } : {}), records }),
    records: records.length,
  }));
}
