/**
 * Fuzz: ≥ 10,000 generated malformed requests over every route in the app's route log (so a new
 * route is fuzzed without touching this file), sent with valid keys of every kind to an org
 * connected to a sandbox org, so bad input gets as deep as it can. Every request has at least one
 * part that is invalid by construction (generators/), so every answer must be a 4xx
 * problem+json with a catalogued code (on the Salesforce client paths, Salesforce's error array
 * mapped from one), and nothing may reach Salesforce or the limiter.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RouteLogEntry } from '../../src/app.ts';
import { pushesOfBadRecords, rawRequestsFor, requestsFor, type FuzzContext, type FuzzRequest, type RawFuzzRequest } from './generators/index.ts';
import { atRootMount } from './generators/passthrough.ts';
import { limiterTotal } from '../support/api.ts';
import { rawHttp } from '../support/raw-http.ts';
import { refusalProblem, refusalStatuses, refusedCodes, sandboxTotals, startHostileWorld, type HostileWorld, type SeenResponse } from './support.ts';

const SEED = 20_260_131;
// Enough for over 100 requests on every org route (both passthrough mounts included) and over 20 on every other one.
const INJECTED = 15_000;
const RAW = 600;
const RECORD_PUSHES = 500;
/** Raw connections come from their own loopback address, so their failed keys count nowhere else. */
const RAW_ADDRESS = '127.0.0.77';

interface Failure {
  request: string;
  invalid: string[];
  problem: string;
}

function describeRequest(r: FuzzRequest | RawFuzzRequest): string {
  const text = 'head' in r ? r.head.split('\r\n')[0]! : `${r.method} ${r.url}`;
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}

/** Why a refusal names another reason than any of the request's invalid parts, if it does. */
function wrongReason(request: FuzzRequest, seen: SeenResponse): string | undefined {
  if (request.expected.length === 0) return undefined;
  if (request.method === 'HEAD') {
    return request.expected.some((code) => refusalStatuses(code, request.url).includes(seen.status)) ? undefined : `HEAD answered ${seen.status}, expected one of ${request.expected.join(', ')}`;
  }
  const codes = refusedCodes(seen);
  return codes.some((code) => request.expected.includes(code)) ? undefined : `refused with ${codes.join(' or ')}, expected one of ${request.expected.join(', ')}: ${seen.body.slice(0, 200)}`;
}

describe('fuzz: malformed requests on every route', () => {
  let world: HostileWorld;
  let routes: RouteLogEntry[];
  let ctx: FuzzContext;
  let before: { sandbox: ReturnType<typeof sandboxTotals>; limiter: number; org: string; keys: string };

  const orgState = async (): Promise<{ org: string; keys: string }> => {
    const org = JSON.stringify(await world.api.services.orgs.get(world.orgId));
    const keys = JSON.stringify((await world.api.services.apiKeys.list(world.orgId)).map((k) => [k.id, k.revokedAt ?? null]));
    return { org, keys };
  };

  beforeAll(async () => {
    // Failed keys are the point here: the per-address limit must not turn the fuzz into 429s.
    world = await startHostileWorld(inject('redisUrl'), { services: { authFailures: { maxFailures: 1_000_000_000, windowMs: 60_000 } } });
    routes = world.api.app.routeLog;
    ctx = {
      orgId: world.orgId,
      otherOrgId: world.otherOrgId,
      keys: world.keys,
      addresses: ['198.51.100.7', '203.0.113.9', '2001:db8::1', '192.0.2.200'],
    };
    before = { sandbox: sandboxTotals(world), limiter: await limiterTotal(world.api, world.orgId), ...(await orgState()) };
  });
  afterAll(() => world?.close());

  it('includes every route, the passthrough at both mounts and POST /v1/orgs', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.some((r) => r.method === 'POST' && r.url === '/v1/orgs')).toBe(true);
    expect(routes.some((r) => r.url.endsWith('/salesforce/services/*'))).toBe(true);
    expect(routes.filter(atRootMount).map((r) => r.url)).toEqual(expect.arrayContaining(['/services/*', '/services/oauth2/userinfo', '/id/:sfOrgId/:userId']));
  });

  it(`answers ${INJECTED} generated requests with 4xx problem+json and calls nobody`, async () => {
    // Routes whose input goes deep (bodies, pull queries, passthrough targets) get the most requests.
    // The passthrough's root mount is an org's route too (the key's org): weighted and counted like one.
    const ofOrg = (r: RouteLogEntry): boolean => r.url.startsWith('/v1/orgs') || atRootMount(r);
    const deep = (r: RouteLogEntry): boolean => /\/(sync|mappings)\/|\/salesforce\/|^\/services\/|^\/v1\/orgs$/.test(r.url) || ['POST', 'PUT', 'PATCH'].includes(r.method);
    const pull = (r: RouteLogEntry): boolean => r.url.endsWith('/sync/:relationship') && (r.method === 'GET' || r.method === 'HEAD');
    // Routes outside the orgs (pages, health) weigh 2: enough for their 20 requests whatever the number of org routes.
    const weight = (r: RouteLogEntry): number => (pull(r) ? 20 : deep(r) ? 10 : ofOrg(r) ? 5 : 2);
    const arbitrary = fc.oneof(...routes.map((route) => ({ weight: weight(route), arbitrary: requestsFor(route, ctx) })));
    const requests = fc.sample(arbitrary, { seed: SEED, numRuns: INJECTED });
    const failures: Failure[] = [];
    const byRoute = new Map<string, number>();
    const byStatus = new Map<number, number>();
    const byInvalid = new Map<string, number>();
    let last = sandboxTotals(world);
    const started = performance.now();
    for (const request of requests) {
      const payload = request.payload !== undefined && typeof request.payload === 'object' && !Buffer.isBuffer(request.payload) ? `{"a":"${'x'.repeat(request.payload.huge)}"}` : request.payload;
      let seen: SeenResponse;
      try {
        const response = await world.api.app.inject({
          method: request.method as 'GET',
          url: request.url,
          headers: request.headers,
          remoteAddress: request.remoteAddress,
          ...(payload !== undefined ? { payload } : {}),
        });
        seen = { status: response.statusCode, headers: response.headers, body: response.body };
      } catch (error) {
        failures.push({ request: describeRequest(request), invalid: request.invalid, problem: `inject threw: ${(error as Error).message}` });
        continue;
      }
      byRoute.set(request.route, (byRoute.get(request.route) ?? 0) + 1);
      byStatus.set(seen.status, (byStatus.get(seen.status) ?? 0) + 1);
      for (const label of request.invalid) byInvalid.set(label.split(':')[0]!, (byInvalid.get(label.split(':')[0]!) ?? 0) + 1);
      const problem = refusalProblem(request.method, seen, request.url) ?? wrongReason(request, seen);
      if (problem) failures.push({ request: describeRequest(request), invalid: request.invalid, problem });
      const now = sandboxTotals(world);
      if (now.org !== last.org || now.unattributed !== last.unattributed) {
        failures.push({ request: describeRequest(request), invalid: request.invalid, problem: `reached Salesforce: ${JSON.stringify(last)} → ${JSON.stringify(now)} (answered ${seen.status})` });
        last = now;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `fuzz (inject): ${requests.length} requests, seed ${SEED}, ${seconds.toFixed(1)} s, ${byRoute.size} routes; statuses ${JSON.stringify(Object.fromEntries([...byStatus].sort()))}; invalid parts ${JSON.stringify(Object.fromEntries(byInvalid))}`,
    );
    const fewest = (wanted: (r: RouteLogEntry) => boolean): number => Math.min(...routes.filter(wanted).map((r) => byRoute.get(`${r.method} ${r.url}`) ?? 0));
    console.info(`fuzz (inject): fewest requests on an org route ${fewest(ofOrg)}, on another route ${fewest((r) => !ofOrg(r))}`);
    expect(failures.slice(0, 25), `${failures.length} failures`).toEqual([]);
    // Every route of the log was exercised, the org-scoped ones hundreds of times.
    for (const route of routes) expect(byRoute.get(`${route.method} ${route.url}`) ?? 0, `${route.method} ${route.url}`).toBeGreaterThan(ofOrg(route) ? 100 : 20);
  }, 120_000);

  it(`answers ${RAW} raw requests (dot segments, control bytes, broken HTTP) with 4xx problem+json`, async () => {
    const host = new URL(world.api.url).host;
    const arbitrary = fc.oneof(...routes.map((route) => rawRequestsFor(route, ctx, host)));
    const requests = fc.sample(arbitrary, { seed: SEED, numRuns: RAW });
    const failures: Failure[] = [];
    const byStatus = new Map<number, number>();
    const started = performance.now();
    for (const request of requests) {
      const seen = await rawHttp(world.api.url, { head: request.head, ...(request.body ? { body: request.body } : {}), localAddress: RAW_ADDRESS });
      byStatus.set(seen.status, (byStatus.get(seen.status) ?? 0) + 1);
      // Outside /v1 and the passthrough's root mount a dot segment may resolve inside the docs' own folder; nothing else may pass.
      const mayResolve = !request.route.includes(' /v1/') && !atRootMount(request.route) && request.invalid.includes('raw:path');
      const problem =
        mayResolve && seen.status < 400
          ? /"devDependencies"|CALLBUDGET_|BEGIN [A-Z ]*PRIVATE KEY/.test(seen.body)
            ? `served a file outside the docs: ${seen.body.slice(0, 100)}`
            : undefined
          : refusalProblem(request.method, seen, request.head.split(' ')[1], { parserMayRefuse: true });
      if (problem) failures.push({ request: describeRequest(request), invalid: request.invalid, problem });
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(`fuzz (raw): ${requests.length} requests, seed ${SEED}, ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...byStatus].sort()))}`);
    expect(failures.slice(0, 25), `${failures.length} failures`).toEqual([]);
  }, 60_000);

  it(`answers ${RECORD_PUSHES} pushes of records each refused on its own without a call`, async () => {
    const pushes = fc.sample(pushesOfBadRecords(ctx), { seed: SEED, numRuns: RECORD_PUSHES });
    const failures: Failure[] = [];
    let records = 0;
    const started = performance.now();
    for (const push of pushes) {
      const before = sandboxTotals(world);
      const response = await world.api.app.inject({
        method: 'POST',
        url: push.url,
        headers: { authorization: `Bearer ${world.keys.sync}`, 'content-type': 'application/json' },
        payload: push.body,
        remoteAddress: ctx.addresses[0],
      });
      records += push.records;
      const request = `POST ${push.url} ${push.body.slice(0, 200)}`;
      // The schema may still refuse the whole body (a prototype key, an upsert key nobody maps).
      if (response.statusCode !== 200) {
        const problem = refusalProblem('POST', { status: response.statusCode, headers: response.headers, body: response.body });
        if (problem) failures.push({ request, invalid: ['records'], problem });
      } else {
        const body = response.json<{ calls: number; results: { success: boolean; errors: unknown[] }[] }>();
        if (body.calls !== 0 || body.results.length !== push.records || body.results.some((r) => r.success || r.errors.length === 0))
          failures.push({ request, invalid: ['records'], problem: `not every record refused: ${response.body.slice(0, 300)}` });
      }
      if (JSON.stringify(sandboxTotals(world)) !== JSON.stringify(before)) failures.push({ request, invalid: ['records'], problem: 'reached Salesforce' });
    }
    console.info(`fuzz (records): ${pushes.length} pushes, ${records} records, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(failures.slice(0, 25), `${failures.length} failures`).toEqual([]);
  }, 60_000);

  it('left Salesforce, the limiter, the org and its keys untouched', async () => {
    // Ground truth is written when the sandbox closes a response: give the last one a moment.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sandboxTotals(world)).toEqual(before.sandbox);
    expect(await limiterTotal(world.api, world.orgId)).toBe(before.limiter);
    const after = await orgState();
    expect(after.org).toBe(before.org);
    expect(after.keys).toBe(before.keys);
    // No generated org id was ever created.
    expect(await world.api.services.state.keysWithPrefix('cb:{org:zz-nx')).toEqual([]);
  });

  it("by design, a malformed body on a valid passthrough target is Salesforce's to refuse: one counted call, its own JSON", async () => {
    const response = await world.api.app.inject({
      method: 'POST',
      url: `/v1/orgs/${world.orgId}/salesforce/services/data/v62.0/sobjects/Lead`,
      headers: { authorization: `Bearer ${world.keys.sync}`, 'content-type': 'application/json' },
      payload: '{"LastName": "x", ',
      remoteAddress: ctx.addresses[0],
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual([expect.objectContaining({ errorCode: 'JSON_PARSER_ERROR' })]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sandboxTotals(world).counted).toBe(before.sandbox.counted + 1);
    expect(await limiterTotal(world.api, world.orgId)).toBe(before.limiter + 1);
  });
});
