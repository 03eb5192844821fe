/** Body specs of the org and key routes: create and patch an org, issue a key, open a widget session. */
import fc from 'fast-check';
import type { BodySpec } from './bodies.ts';
import { hostileString, notANumber, notAnObject, notAString } from './strings.ts';

/** The org id pattern: a generated id must fail it, or it could name a real org. */
export const ORG_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const PLANS = ['trial', 'essential', 'advanced', 'ultimate'];

/** Salesforce credentials every credentials schema must refuse (so no login is ever tried). */
const badCredentials: fc.Arbitrary<unknown> = fc.oneof(
  notAnObject,
  fc.constant({}),
  fc.constantFrom('magic', 'oauth', 'PASSWORD', '', null).map((kind) => ({ kind, loginUrl: 'https://login.salesforce.com', clientId: 'a', clientSecret: 'b', username: 'u', password: 'p' })),
  fc
    .constantFrom('javascript:alert(1)', 'file:///etc/passwd', 'ftp://example.com', 'not a url', '', 'gopher://127.0.0.1:6379/_PING', '//example.com')
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
  plan: fc.oneof(
    hostileString.filter((p) => !PLANS.includes(p)),
    notAString,
  ),
  dailyLimit: fc.oneof(fc.constantFrom(0, -1, 1.5, 1_000_000_001, -0.5), notANumber),
  reservePercent: fc.oneof(fc.constantFrom(90.5, 91, -1, 1000), notANumber),
  thresholds: fc.oneof(
    notAnObject,
    fc.constant({ interactive: 2, sync: 0.5, bulk: 0.5 }),
    fc.constant({ interactive: 0.5 }),
    fc.constant({ interactive: 0.5, sync: 0.5, bulk: 0.5, x: 1 }),
    fc.constant({ interactive: '0.5', sync: 0.5, bulk: 0.5 }),
  ),
  salesforce: badCredentials,
  corsOrigins: fc.oneof(fc.string(), fc.constant(['']), fc.constant(Array.from({ length: 51 }, () => 'https://a.example')), fc.constant(['x'.repeat(301)]), fc.constant([1]), fc.constant({})),
};

/** POST /v1/orgs; the suffix varies the template's id, under zz-nx (which no test creates). */
export const createOrgBody = (suffix: string): BodySpec => ({
  template: { id: `zz-nx-new-${suffix}`, name: 'Fuzz', plan: 'advanced', dailyLimit: 100 },
  required: ['id', 'name'],
  bad: {
    ...ORG_FIELDS_BAD,
    id: fc.oneof(
      hostileString.filter((id) => !ORG_ID.test(id)),
      fc.constantFrom('A', '-a', 'a'.repeat(64), 'a_b', 'a.b', 'é'),
      notAString,
    ),
  },
});

/** PATCH /v1/orgs/:orgId: every field optional. */
export const PATCH_ORG_BODY: BodySpec = { template: {}, required: [], bad: ORG_FIELDS_BAD };

/** POST /v1/orgs/:orgId/keys. */
export const KEY_BODY: BodySpec = {
  template: { kind: 'sync', name: 'fuzz' },
  required: ['kind'],
  bad: {
    kind: fc.oneof(
      hostileString.filter((k) => !['admin', 'sync', 'widget'].includes(k)),
      notAString,
    ),
    role: fc.constantFrom('administrator', 'salesperson', 'root', '', null, 1),
    name: fc.oneof(fc.constantFrom('', '   ', 'x'.repeat(101)), notAString),
    expiresInDays: fc.oneof(fc.constantFrom(0, 366, 1.5, -1, 1e9), notANumber),
  },
  extra: fc.constant({ label: 'body:admin-without-role', text: JSON.stringify({ kind: 'admin', name: 'x' }) }),
};

/** POST /v1/orgs/:orgId/widget-sessions. */
export const WIDGET_SESSION_BODY: BodySpec = {
  template: { ttlSeconds: 900 },
  required: [],
  bad: { ttlSeconds: fc.oneof(fc.constantFrom(0, 59, 1.5, -1, 1e12), notANumber) },
};
