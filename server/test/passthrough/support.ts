/**
 * Helpers of the passthrough tests: a jsforce client pointed at our API, a count of the requests
 * that reached our passthrough (taken at the HTTP server, not from our own code), and the
 * sandbox's ground truth of data calls. The raw HTTP client is in ../support/raw-http.ts.
 */
import { Connection } from 'jsforce';
import type { RunningApi } from '../support/api.ts';
import type { RunningSandbox } from '../support/sandbox.ts';

/** jsforce as a CRM's sync would configure it: our passthrough as instance URL, our key as token. */
export function clientFor(api: RunningApi, orgId: string, accessToken = api.adminKey): Connection {
  return new Connection({ instanceUrl: `${api.url}/v1/orgs/${orgId}/salesforce`, accessToken, version: '62.0' });
}

/** Counts requests to one org's passthrough as they arrive at our HTTP server. */
export function countPassthroughRequests(api: RunningApi, orgId: string): { readonly count: number; readonly urls: string[]; stop(): void } {
  const prefix = `/v1/orgs/${orgId}/salesforce/services/data/`;
  const urls: string[] = [];
  const listener = (request: { url?: string }): void => {
    if (request.url?.startsWith(prefix)) urls.push(request.url);
  };
  api.app.server.on('request', listener);
  return {
    get count() {
      return urls.length;
    },
    urls,
    stop: () => void api.app.server.off('request', listener),
  };
}

/** Data API calls the sandbox received for an org (OAuth logins excluded), and how many it counted. */
export function sandboxDataCalls(sandbox: RunningSandbox, sfOrgId: string): { total: number; counted: number; statuses: number[]; paths: string[] } {
  const calls = sandbox.control.groundTruth(sfOrgId).calls.filter((call) => call.path.startsWith('/services/data/'));
  return { total: calls.length, counted: calls.filter((c) => c.counted).length, statuses: calls.map((c) => c.status), paths: calls.map((c) => c.path) };
}

/**
 * The one error of a Salesforce-shaped error answer (`[{"errorCode","message"}]` as
 * `application/json;charset=UTF-8`, what callbudget sends Salesforce clients), or a description of
 * what came instead.
 */
export function salesforceError(response: { headers: Record<string, unknown> | Headers; body: string }): { errorCode: string; message: string } {
  const type = response.headers instanceof Headers ? response.headers.get('content-type') : response.headers['content-type'];
  if (type !== 'application/json;charset=UTF-8') throw new Error(`not Salesforce's error content type: ${String(type)}`);
  const body = JSON.parse(response.body) as unknown;
  if (!Array.isArray(body) || body.length !== 1) throw new Error(`not a one-error Salesforce error list: ${response.body.slice(0, 200)}`);
  return body[0] as { errorCode: string; message: string };
}
