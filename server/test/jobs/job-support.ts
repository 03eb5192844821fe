/** Helpers for the deferred-job tests: push with headers, read a job, wait for a job's state. */
import type { RunningApi } from '../support/api.ts';

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** POST a push as the operator, with extra headers (Prefer, Idempotency-Key, priority). */
export async function push(api: RunningApi, orgId: string, body: unknown, headers: Record<string, string> = {}, relationship = 'leads'): Promise<Answer> {
  return request(api, 'POST', `/v1/orgs/${orgId}/sync/${relationship}`, body, headers);
}

export async function request(api: RunningApi, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${api.adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export const jobOf = (api: RunningApi, orgId: string, jobId: string): Promise<Answer> => request(api, 'GET', `/v1/orgs/${orgId}/jobs/${jobId}`);

/** Poll the job until `done(job)` (bounded; fails the test with the last state). */
export async function waitForJob(api: RunningApi, orgId: string, jobId: string, done: (job: any) => boolean = (j) => j.state === 'done' || j.state === 'failed', timeoutMs = 15_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  let last: any;
  while (Date.now() < until) {
    last = (await jobOf(api, orgId, jobId)).body;
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`job ${jobId} never reached the state wanted; last: ${JSON.stringify(last)?.slice(0, 500)}`);
}

/** `n` lead records named `prefix i`. */
export const leads = (n: number, prefix: string): Record<string, unknown>[] => Array.from({ length: n }, (_, i) => ({ lastName: `${prefix} ${i}`, company: 'Deferred' }));
