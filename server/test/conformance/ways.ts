/**
 * The two ways every conformance test runs: straight to the sandbox org (its own instance URL and
 * access token) and through our passthrough (a callbudget key as the access token, instance URL
 * `<api>/v1/orgs/<orgId>/salesforce`, or `<api>` itself, the root mount, for the clients that need it).
 * Each way gets a fresh sandbox org, so its ground truth holds this run's calls only; every response
 * the client received is recorded (at the sandbox's server when straight, at our API's when through
 * the passthrough).
 */
import { expect, it } from 'vitest';
import { connectedOrg } from '../support/api.ts';
import { settledCounts } from '../support/counted-calls.ts';
import { recordServedResponses, type ServedResponse } from '../support/served-responses.ts';
import type { Stack } from '../support/stack.ts';

export const WAYS = ['sandbox', 'passthrough'] as const;
export type WayName = (typeof WAYS)[number];

/** The key's `format`: `salesforce` (`00D…!…`, what the sf CLI accepts) or our default `cbk_…`. */
export type KeyFormat = 'salesforce' | 'default';

export interface Way {
  name: WayName;
  /** Through the passthrough, the org path `<api>/v1/orgs/<orgId>/salesforce`. */
  instanceUrl: string;
  /**
   * Through the passthrough, the API's root `<api>`: the org is the key's own. The one that works for
   * jsforce's Bulk 2.0 (it drops an instance URL's path) and the CLI given no trailing slash. Straight,
   * the sandbox's instance URL.
   */
  rootInstanceUrl: string;
  accessToken: string;
  /** The sandbox org's id (`00D…`). */
  sfOrgId: string;
  /** Our org, on the passthrough way. */
  orgId?: string;
  /** Counted calls in the sandbox's ground truth when the client started (the org's creation verified it). */
  countedAtStart: number;
  /** Every response the client received, in the order they finished; `stop()` ends the recording. */
  served: ServedResponse[] & { stop(): void };
}

/** Issue a passthrough key for our org, as an admin would, and return its secret. */
async function issueSyncKey(stack: Stack, orgId: string, format: KeyFormat): Promise<string> {
  const response = await fetch(`${stack.api.url}/v1/orgs/${orgId}/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.api.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'sync', name: 'conformance', ...(format === 'default' ? {} : { format }) }),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST /v1/orgs/${orgId}/keys (format ${format}) answered ${response.status}: ${text}`);
  const { secret } = JSON.parse(text) as { secret: string };
  // The Salesforce CLI refuses, before sending anything, a token not shaped like a session id.
  if (format === 'salesforce') expect(secret).toMatch(/^00D\w{12,15}![.\w]+$/);
  return secret;
}

/** Set up one way for a client. */
export async function openWay(stack: Stack, name: WayName, format: KeyFormat): Promise<Way> {
  const { sandbox, api } = stack;
  if (name === 'sandbox') {
    const sf = sandbox.control.createOrg({});
    const served = recordServedResponses(sandbox.server);
    return { name, instanceUrl: sf.instanceUrl, rootInstanceUrl: sf.instanceUrl, accessToken: sf.accessToken, sfOrgId: sf.orgId, countedAtStart: 0, served };
  }
  const { orgId, sf } = await connectedOrg(api, sandbox);
  const accessToken = await issueSyncKey(stack, orgId, format);
  // The org's paths, and the root mount's when this way's key sent them (in a header, or jsforce's `oauth_token`).
  const served = recordServedResponses(api.app.server, (request) => {
    const url = request.url ?? '';
    return url.startsWith(`/v1/orgs/${orgId}/`) || (/^\/+(?:services|id)\//.test(url) && `${request.headers.authorization} ${url}`.includes(accessToken));
  });
  const countedAtStart = sandbox.control.groundTruth(sf.orgId).counted;
  return { name, instanceUrl: `${api.url}/v1/orgs/${orgId}/salesforce`, rootInstanceUrl: api.url, accessToken, sfOrgId: sf.orgId, orgId, countedAtStart, served };
}

/** Stop recording the way's responses. */
export function closeWay(way: Way | undefined): void {
  way?.served.stop();
}

/** The calls this run cost the org, by the sandbox's ground truth. */
export function countedByRun(stack: Stack, way: Way): number {
  return stack.sandbox.control.groundTruth(way.sfOrgId).counted - way.countedAtStart;
}

/**
 * The checks after every run. Through the passthrough: the sandbox counted exactly what we report as
 * `used`, and no answer named Salesforce. Straight, callbudget is not involved: only the recording is checked.
 */
export async function checkRun(stack: Stack, way: Way): Promise<void> {
  if (way.name === 'passthrough') return expectPassthroughFaithful(stack, way);
  expect(way.served.length).toBeGreaterThan(0);
}

/**
 * The checks after every passthrough run: the sandbox counted exactly what we report as `used`, and
 * no response the client received names the Salesforce host (the sandbox's host:port).
 */
export async function expectPassthroughFaithful(stack: Stack, way: Way): Promise<void> {
  const counts = await settledCounts(stack.api, stack.sandbox, way.orgId!, way.sfOrgId);
  expect(counts.used).toBe(counts.sandbox);
  expect(way.served.length).toBeGreaterThan(0);
  const host = new URL(stack.sandbox.url).host;
  const leaks = way.served.filter((r) => `${JSON.stringify(r.headers)}\n${r.body}`.includes(host)).map((r) => `${r.method} ${r.url} → ${r.statusCode}: ${`${JSON.stringify(r.headers)} ${r.body}`.slice(0, 300)}`);
  expect(leaks).toEqual([]);
}

/**
 * The tests every jsforce run ends with: inside the way's describe, the checks of the run (counts and
 * no Salesforce host), noting what the run cost; at the top level, the two ways' costs compared.
 */
export function runChecks(costs: Map<WayName, number>, wayName: WayName, stack: Stack, way: () => Way): void {
  it('after the run: the checks of every run', async () => {
    try {
      await checkRun(stack, way());
    } finally {
      costs.set(wayName, countedByRun(stack, way()));
    }
  });
}

/** Register, at the top level of a file, the comparison of the costs `runChecks` noted. */
export function sameCostBothWays(costs: Map<WayName, number>): void {
  it('the passthrough cost the org exactly the calls going straight did', () => {
    expect(costs.get('passthrough')).toBe(costs.get('sandbox'));
  });
}
