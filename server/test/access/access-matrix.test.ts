/**
 * Every route × every principal × every plan × own org / other org → the expected status. The routes
 * come from the app's own route log, so a new route cannot skip this; the expectations come from the
 * table below, written from the seed's access table, not from the code under test. The routes of the
 * passthrough's root mount (`/services/*`, `/id/…`) name no org: each key works on its own there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../support/api.ts';
import type { RouteLogEntry } from '../../src/app.ts';

type Who =
  | 'operator'
  | 'administrator'
  | 'company-manager'
  | 'marketing-manager'
  | 'sales-manager'
  | 'salesperson'
  | 'junior-salesperson'
  | 'sync'
  | 'salesforce-format-sync'
  | 'widget'
  | 'other-org-admin'
  | 'no-key'
  | 'bad-key'
  | 'bad-salesforce-format-key';
const ROLES = ['administrator', 'company-manager', 'marketing-manager', 'sales-manager', 'salesperson', 'junior-salesperson'] as const;
const WHO: Who[] = ['operator', ...ROLES, 'sync', 'salesforce-format-sync', 'widget', 'other-org-admin', 'no-key', 'bad-key', 'bad-salesforce-format-key'];
const PLANS = ['trial', 'essential', 'advanced', 'ultimate'] as const;

/** The spec: which key kinds may use each capability (administrators always may, on paid plans). */
const SPEC: Record<string, { sync: boolean; widget: boolean }> = {
  'org:read': { sync: false, widget: false },
  'org:write': { sync: false, widget: false },
  'org:delete': { sync: false, widget: false },
  'keys:manage': { sync: false, widget: false },
  'audit:read': { sync: false, widget: false },
  'widget:mint': { sync: false, widget: false },
  'settings:read': { sync: true, widget: false },
  'settings:write': { sync: false, widget: false },
  sync: { sync: true, widget: false },
  passthrough: { sync: true, widget: false },
  'usage:read': { sync: false, widget: true },
  'errors:read': { sync: false, widget: false },
  'checklist:read': { sync: false, widget: true },
  'notifications:read': { sync: false, widget: true },
  'notifications:write': { sync: false, widget: false },
  'webhooks:manage': { sync: false, widget: false },
};

/** `NAMES_NO_ORG`: the operator key at the root mount, where the org comes from the key (403, pointing at the org path). */
type Expected = 'allowed' | 401 | 404 | 'FORBIDDEN_SCOPE' | 'FORBIDDEN_PLAN' | 'FORBIDDEN_ROLE' | 'NAMES_NO_ORG';

/** The passthrough's root mount: routes with no `:orgId`, whose org is the key's own. */
const atRoot = (url: string): boolean => /^\/(?:services|id)\//.test(url);

/**
 * What `who` gets on a route needing `capability`, the world's org being on `plan`. At the root mount
 * there is no org in the path: the operator key, bound to no org, is refused; a key of another org
 * reaches its own org (an Administrator's, on a paid plan: allowed), not a 404.
 */
function expected(who: Who, capability: string, plan: (typeof PLANS)[number], root: boolean): Expected {
  if (who === 'no-key' || who === 'bad-key' || who === 'bad-salesforce-format-key') return 401;
  if (who === 'other-org-admin') return root ? expected('administrator', capability, 'advanced', root) : 404;
  if (who === 'operator') return root ? 'NAMES_NO_ORG' : 'allowed';
  const spec = SPEC[capability]!;
  const isSync = who === 'sync' || who === 'salesforce-format-sync';
  if ((isSync && !spec.sync) || (who === 'widget' && !spec.widget)) return 'FORBIDDEN_SCOPE';
  if (plan === 'trial' || plan === 'essential') return 'FORBIDDEN_PLAN';
  if (!isSync && who !== 'widget' && who !== 'administrator') return 'FORBIDDEN_ROLE';
  return 'allowed';
}

/**
 * The refusal a route gives: the problem code, or on the Salesforce client paths (Salesforce's error
 * array, passthrough/salesforce-errors.ts) the problem each status and errorCode stands for: there a
 * key of another org is refused like a key that may not use the org (403), and the three 403s share
 * INSUFFICIENT_ACCESS, told apart by their message.
 */
function refusalOf(url: string, status: number, body: unknown): { status: number; code?: string } {
  if (!url.includes('/salesforce/') && !atRoot(url)) return { status, code: (body as { code?: string }).code };
  const [error] = Array.isArray(body) ? (body as { errorCode: string; message: string }[]) : [];
  if (status === 401 && error?.errorCode === 'INVALID_SESSION_ID') return { status };
  if (status !== 403 || error?.errorCode !== 'INSUFFICIENT_ACCESS') return { status, code: error?.errorCode };
  if (error.message === 'This key may not use this org.') return { status: 404, code: 'NOT_FOUND' };
  if (/names no org: .*\/v1\/orgs\/\{orgId\}\/salesforce\//.test(error.message)) return { status, code: 'NAMES_NO_ORG' };
  const code = /may not use/.test(error.message) ? 'FORBIDDEN_SCOPE' : /plans/.test(error.message) ? 'FORBIDDEN_PLAN' : /Administrators only/.test(error.message) ? 'FORBIDDEN_ROLE' : error.message;
  return { status, code };
}

function concretePath(url: string, orgId: string): string {
  return url
    .replace(':orgId', orgId)
    .replace(':relationship', 'leads')
    .replace(':keyId', '0123456789abcdef')
    .replace(':webhookId', 'wh_AAAAAAAAAAAA')
    .replace(':notificationId', '00000000-0000-4000-8000-000000000000')
    .replace(':sfOrgId', '00D000000000000AAA')
    .replace(':userId', '005000000000000AAA')
    .replace(/\*$/, 'data/v62.0/limits');
}

describe('access matrix', () => {
  let api: RunningApi;
  let routes: RouteLogEntry[];
  let worldCount = 0;

  beforeAll(async () => {
    api = await startApi({ services: { authFailures: { maxFailures: 1_000_000, windowMs: 60_000 } } });
    routes = api.app.routeLog.filter((r) => (r.url.startsWith('/v1/orgs/:orgId') || atRoot(r.url)) && r.method !== 'HEAD');
  });
  afterAll(() => api.close());

  const inject = (method: string, url: string, key?: string, body?: unknown) =>
    api.app.inject({
      method: method as 'GET',
      url,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });

  /** A fresh org on `plan` with one key per principal, and another org with its own administrator. */
  async function world(plan: string): Promise<{ orgId: string; keys: Record<Who, string | undefined> }> {
    const orgId = `matrix-${++worldCount}`;
    const other = `matrix-${worldCount}-other`;
    for (const [id, p] of [
      [orgId, plan],
      [other, 'advanced'],
    ] as const) {
      expect((await inject('POST', '/v1/orgs', api.adminKey, { id, name: id, plan: p })).statusCode).toBe(201);
    }
    const issue = async (org: string, body: Record<string, string>): Promise<string> => {
      // Keys are issued by the operator, so a plan without access can still hold keys.
      const response = await inject('POST', `/v1/orgs/${org}/keys`, api.adminKey, body);
      expect(response.statusCode).toBe(201);
      return response.json<{ secret: string }>().secret;
    };
    const keys: Record<string, string | undefined> = {
      operator: api.adminKey,
      'no-key': undefined,
      'bad-key': 'cbk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'bad-salesforce-format-key': `00D000000000000!cb0123456789abcdef.${'0'.repeat(64)}`,
    };
    for (const role of ROLES) keys[role] = await issue(orgId, { kind: 'admin', role });
    keys.sync = await issue(orgId, { kind: 'sync' });
    keys['salesforce-format-sync'] = await issue(orgId, { kind: 'sync', format: 'salesforce' });
    keys.widget = await issue(orgId, { kind: 'widget' });
    keys['other-org-admin'] = await issue(other, { kind: 'admin', role: 'administrator' });
    return { orgId, keys: keys };
  }

  it('knows every org route and what it needs', () => {
    expect(routes.length).toBeGreaterThan(10);
    // Both mounts of the passthrough and its identity routes.
    expect(routes.filter((r) => atRoot(r.url)).map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(['GET /services/*', 'POST /services/*', 'GET /services/oauth2/userinfo', 'GET /id/:sfOrgId/:userId']));
    for (const route of routes) {
      expect(route.capability, `${route.method} ${route.url} declares a capability`).toBeDefined();
      expect(SPEC[route.capability!], `${route.capability} is in the spec table`).toBeDefined();
    }
  });

  it.each(PLANS)(
    'plan %s: every route answers every principal as the table says',
    async (plan) => {
      let checked = 0;
      // Deleting the org ends the world, so those routes run last, each in a world of its own.
      const ordered = [...routes].sort((a, b) => Number(a.capability === 'org:delete') - Number(b.capability === 'org:delete'));
      for (const route of ordered) {
        for (const who of WHO) {
          const { orgId, keys } = route.capability === 'org:delete' || route.method === 'DELETE' ? await world(plan) : await sharedWorld(plan);
          const response = await inject(route.method, concretePath(route.url, orgId), keys[who], ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined);
          const want = expected(who, route.capability!, plan, atRoot(route.url));
          const body = response.headers['content-type']?.toString().includes('json') ? response.json<{ code?: string; detail?: string }>() : {};
          const refusal = refusalOf(route.url, response.statusCode, body);
          const label = `${plan} ${who} ${route.method} ${route.url} → ${response.statusCode} ${response.body.slice(0, 160)}`;
          if (want === 'allowed') {
            // Admitted: the passthrough then finds the org unconnected (403 API_DISABLED_FOR_ORG), never a refusal of the key.
            expect([401, 403], label).not.toContain(refusal.code === 'API_DISABLED_FOR_ORG' ? 200 : response.statusCode);
            expect(response.statusCode === 404 && body.detail?.startsWith('No org'), label).toBe(false);
            expect(response.statusCode, label).toBeLessThan(500);
          } else if (want === 'NAMES_NO_ORG') {
            expect(refusal, label).toEqual({ status: 403, code: 'NAMES_NO_ORG' });
          } else if (want === 401 || want === 404) {
            expect(refusal.status, label).toBe(want);
            if (want === 404) expect(refusal.code, label).toBe('NOT_FOUND');
          } else {
            expect(refusal.status, label).toBe(403);
            expect(refusal.code, label).toBe(want);
          }
          checked++;
        }
      }
      expect(checked).toBe(routes.length * WHO.length);
    },
    60_000,
  );

  const shared = new Map<string, { orgId: string; keys: Record<Who, string | undefined> }>();
  async function sharedWorld(plan: string): Promise<{ orgId: string; keys: Record<Who, string | undefined> }> {
    if (!shared.has(plan)) shared.set(plan, await world(plan));
    return shared.get(plan)!;
  }

  it('a plan downgrade takes effect at once, and a revoked key stops working at once', async () => {
    const { orgId, keys } = await world('advanced');
    expect((await inject('GET', `/v1/orgs/${orgId}/usage`, keys.administrator)).statusCode).toBe(200);
    expect((await inject('PATCH', `/v1/orgs/${orgId}`, api.adminKey, { plan: 'essential' })).statusCode).toBe(200);
    const refused = await inject('GET', `/v1/orgs/${orgId}/usage`, keys.administrator);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'FORBIDDEN_PLAN' });
    expect((await inject('PATCH', `/v1/orgs/${orgId}`, api.adminKey, { plan: 'ultimate' })).statusCode).toBe(200);
    const list = (await inject('GET', `/v1/orgs/${orgId}/keys`, keys.administrator)).json<{ keys: { id: string; kind: string }[] }>();
    const widgetId = list.keys.find((k) => k.kind === 'widget')!.id;
    expect((await inject('GET', `/v1/orgs/${orgId}/usage`, keys.widget)).statusCode).toBe(200);
    expect((await inject('DELETE', `/v1/orgs/${orgId}/keys/${widgetId}`, keys.administrator)).statusCode).toBe(204);
    expect((await inject('GET', `/v1/orgs/${orgId}/usage`, keys.widget)).statusCode).toBe(401);
  });

  it('only the operator creates orgs or changes a plan', async () => {
    const { orgId, keys } = await world('advanced');
    const created = await inject('POST', '/v1/orgs', keys.administrator, { id: 'sneaky', name: 'x' });
    expect(created.statusCode).toBe(403);
    const upgraded = await inject('PATCH', `/v1/orgs/${orgId}`, keys.administrator, { plan: 'ultimate' });
    expect(upgraded.json()).toMatchObject({ code: 'FORBIDDEN_SCOPE' });
  });
});
