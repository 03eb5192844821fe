/**
 * Helpers for the checklist and error log tests: on top of the sync world (a sandbox org server and
 * an API over the test Redis), push and pull through the API, and read the checklist and errors.
 */
import type { OrgInfo, OrgSpec } from '../support/sandbox.ts';
import type { Checklist, ChecklistItem, ChecklistItemId } from '../../src/checklist/types.ts';
import { connectedOrg } from '../support/api.ts';
import { call, TEST_FIELDS, type Answer, type SyncWorld } from '../sync/sync-world.ts';

export { call, callsDuring, counted, direct, readAll, startWorld, type SyncWorld } from '../sync/sync-world.ts';

export interface TestOrg {
  orgId: string;
  sf: OrgInfo;
}

/** A connected org with the sync tests' custom fields plus any in `spec`. */
export function checklistOrg(world: SyncWorld, spec: OrgSpec = {}, settings: { reservePercent?: number } = {}): Promise<TestOrg> {
  return connectedOrg(world.api, world.sandbox, { ...settings, spec: { ...spec, customFields: [...TEST_FIELDS, ...(spec.customFields ?? [])] } });
}

/** POST /sync/:relationship; fails the test on anything but 200. */
export async function push(world: SyncWorld, org: TestOrg, relationship: string, body: Record<string, unknown>): Promise<Answer['body']> {
  const answer = await call(world, 'POST', `/v1/orgs/${org.orgId}/sync/${relationship}`, body);
  if (answer.status !== 200) throw new Error(`push failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** GET /sync/:relationship (every record, one page of up to 2000). */
export async function pull(world: SyncWorld, org: TestOrg, relationship: string, query = 'limit=2000'): Promise<Answer['body']> {
  const answer = await call(world, 'GET', `/v1/orgs/${org.orgId}/sync/${relationship}?${query}`);
  if (answer.status !== 200) throw new Error(`pull failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** GET /checklist. */
export async function checklist(world: SyncWorld, org: TestOrg): Promise<Checklist> {
  const answer = await call(world, 'GET', `/v1/orgs/${org.orgId}/checklist`);
  if (answer.status !== 200) throw new Error(`checklist failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as Checklist;
}

/** One item of the org's checklist. */
export async function item(world: SyncWorld, org: TestOrg, id: ChecklistItemId): Promise<ChecklistItem> {
  const found = (await checklist(world, org)).items.find((i) => i.id === id);
  if (!found) throw new Error(`no checklist item ${id}`);
  return found;
}

/** GET /errors with a query string. */
export function errors(world: SyncWorld, org: TestOrg, query = ''): Promise<Answer> {
  return call(world, 'GET', `/v1/orgs/${org.orgId}/errors${query ? `?${query}` : ''}`);
}

/** GET /errors as raw text, with extra headers (the CSV export). */
export async function errorsRaw(world: SyncWorld, org: TestOrg, query: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${world.api.url}/v1/orgs/${org.orgId}/errors${query ? `?${query}` : ''}`, { headers: { authorization: `Bearer ${world.api.adminKey}`, ...headers } });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** `n` valid leads with the given extra CRM fields. */
export function leads(n: number, tag: string, extra: (i: number) => Record<string, unknown> = () => ({})): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({ lastName: `${tag} ${i}`, company: `${tag} Co`, ...extra(i) }));
}
