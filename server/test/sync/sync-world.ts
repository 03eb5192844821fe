/**
 * Fixtures for the sync tests: one sandbox org server and one API over the test Redis, plus small
 * helpers to call the API, read the sandbox's ground truth and look at records with a direct jsforce
 * connection (which the tests count around, since the sandbox counts those reads too).
 */
import { Connection } from 'jsforce';
import { startSandbox, type RunningSandbox } from '../support/sandbox.ts';
import type { CustomFieldSpec, OrgInfo } from '../support/sandbox.ts';
import { connectedOrg, startApi, type RunningApi } from '../support/api.ts';

export interface SyncWorld {
  sandbox: RunningSandbox;
  api: RunningApi;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** Custom fields the tests' Salesforce orgs have: a score, a custom value, an external id. */
export const TEST_FIELDS: CustomFieldSpec[] = [
  { object: 'Lead', name: 'Lead_Score__c', type: 'double' },
  { object: 'Contact', name: 'Lead_Score__c', type: 'double' },
  { object: 'Lead', name: 'Favorite_Color__c', type: 'string' },
  { object: 'Contact', name: 'Favorite_Color__c', type: 'string' },
  { object: 'Lead', name: 'Crm_Id__c', type: 'string', externalId: true, unique: true },
];

/** Start the sandbox and the API; close both in afterAll. */
export async function startWorld(redisUrl: string): Promise<SyncWorld> {
  const sandbox = await startSandbox();
  let closing = false;
  // Usage recording runs in the background; once Redis is closed its last writes can only fail.
  const onBackgroundError = (error: unknown) => {
    if (!closing) console.error('background task failed', error);
  };
  const api = await startApi({ redisUrl, services: { onBackgroundError } });
  return {
    sandbox,
    api,
    async close() {
      closing = true;
      await api.close();
      await sandbox.close();
    },
  };
}

/** A connected org whose Salesforce side has TEST_FIELDS. */
export function testOrg(world: SyncWorld, settings: { dailyLimit?: number; deferWhenLimited?: boolean } = {}): Promise<{ orgId: string; sf: OrgInfo }> {
  return connectedOrg(world.api, world.sandbox, { ...settings, spec: { customFields: TEST_FIELDS } });
}

/** Call the API as the operator. */
export async function call(world: SyncWorld, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${world.api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${world.api.adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Calls the sandbox counted against the Salesforce org so far (ground truth). */
export function counted(world: SyncWorld, sf: OrgInfo): number {
  return world.sandbox.control.groundTruth(sf.orgId).counted;
}

/** Counted calls `work` made, by the sandbox's ground truth. */
export async function callsDuring<T>(world: SyncWorld, sf: OrgInfo, work: () => Promise<T>): Promise<{ result: T; calls: number }> {
  const before = counted(world, sf);
  const result = await work();
  return { result, calls: counted(world, sf) - before };
}

/** A jsforce connection straight to the sandbox org, to check what landed there. */
export function direct(sf: OrgInfo): Connection {
  return new Connection({ instanceUrl: sf.instanceUrl, accessToken: sf.accessToken, version: '62.0' });
}

/** Records of `object` straight from the sandbox (one counted call; measure around it). */
export async function readAll(sf: OrgInfo, soql: string): Promise<Record<string, any>[]> {
  const result = await direct(sf).query<Record<string, any>>(soql);
  return result.records;
}
