/** jsforce 3 as a CRM's sync configures it, pointed at one way (the sandbox org or our passthrough). */
import { Connection } from 'jsforce';
import type { Way } from './ways.ts';

export function jsforceFor(way: Way): Connection {
  return new Connection({ instanceUrl: way.instanceUrl, accessToken: way.accessToken, version: '62.0' });
}

/** Composite subresponses as Salesforce answers them. */
export type SubResponse = { httpStatusCode: number; referenceId: string; body: any };
/** A `/composite/batch` answer. */
export type BatchResponse = { hasErrors: boolean; results: { statusCode: number; result: any }[] };
/** A `/composite/tree` answer. */
export type TreeResponse = { hasErrors: boolean; results: { referenceId: string; id: string }[] };
