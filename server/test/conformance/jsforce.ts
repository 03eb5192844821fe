/** jsforce 3 as a CRM's sync configures it, pointed at one way (the sandbox org or our passthrough). */
import { Connection } from 'jsforce';
import type { Way } from './ways.ts';

/**
 * `mount`: `org` (the org path, what most tests use) or `root` (the API's root, the org the key's
 * own), which Bulk 2.0 needs: jsforce builds its ingest URLs with `new URL('/services/…', instanceUrl)`.
 */
export function jsforceFor(way: Way, mount: 'org' | 'root' = 'org'): Connection {
  return new Connection({ instanceUrl: mount === 'root' ? way.rootInstanceUrl : way.instanceUrl, accessToken: way.accessToken, version: '62.0' });
}

/** Composite subresponses as Salesforce answers them. */
export type SubResponse = { httpStatusCode: number; referenceId: string; body: any };
/** A `/composite/batch` answer. */
export type BatchResponse = { hasErrors: boolean; results: { statusCode: number; result: any }[] };
/** A `/composite/tree` answer. */
export type TreeResponse = { hasErrors: boolean; results: { referenceId: string; id: string }[] };
