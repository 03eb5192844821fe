/**
 * Helpers for the Bulk API 2.0 tests: a real sandbox (real data part) on a manual clock, a jsforce
 * connection for one of its orgs that polls without waiting, and raw HTTP for what jsforce never sends.
 */
import { Connection } from 'jsforce';
import { ManualClock } from '../clock.ts';
import { apiRequest, type RawResponse } from '../platform/test-support.ts';
import { startSandbox, type RunningSandbox } from '../start.ts';
import type { OrgInfo, OrgSpec } from '../types.ts';

export const API_VERSION = '62.0';

/** A running sandbox on a manual clock. */
export async function startBulkSandbox(): Promise<RunningSandbox & { clock: ManualClock }> {
  const clock = new ManualClock();
  const sandbox = await startSandbox({ clock });
  return { ...sandbox, clock };
}

/** A new org and a jsforce connection to it whose bulk2 client polls every 5 ms. */
export function connect(sandbox: RunningSandbox, spec: OrgSpec = {}): { org: OrgInfo; conn: Connection } {
  const org = sandbox.control.createOrg(spec);
  const conn = new Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: API_VERSION });
  conn.bulk2.pollInterval = 5;
  conn.bulk2.pollTimeout = 10_000;
  return { org, conn };
}

/** A request to `/services/data/v62.0<path>` with the org's token. */
export function bulkRequest(org: OrgInfo, path: string, options: { method?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return apiRequest(`${org.instanceUrl}/services/data/v${API_VERSION}${path}`, org.accessToken, options);
}

/** Create an ingest job over raw HTTP and return its id. */
export async function openIngestJob(org: OrgInfo, definition: Record<string, unknown>): Promise<string> {
  const res = await bulkRequest(org, '/jobs/ingest', { method: 'POST', json: definition });
  if (res.status !== 200) throw new Error(`create job: ${res.status} ${res.text}`);
  return (res.json() as { id: string }).id;
}

/** Upload CSV text to a job over raw HTTP. */
export function uploadCsv(org: OrgInfo, jobId: string, csv: string): Promise<RawResponse> {
  return bulkRequest(org, `/jobs/ingest/${jobId}/batches`, { method: 'PUT', body: csv, headers: { 'content-type': 'text/csv' } });
}

/** Set a job's state over raw HTTP. */
export function setState(org: OrgInfo, kind: 'ingest' | 'query', jobId: string, state: string): Promise<RawResponse> {
  return bulkRequest(org, `/jobs/${kind}/${jobId}`, { method: 'PATCH', json: { state } });
}

/** The first error of a Salesforce error array. */
export function firstError(res: RawResponse): { errorCode: string; message: string } {
  return (res.json() as { errorCode: string; message: string }[])[0]!;
}
