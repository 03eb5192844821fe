/** Calls the alert tests make to the API under test. */
import { limiterTotal, type RunningApi } from '../support/api.ts';

export interface Call {
  status: number;
  body: Record<string, unknown>;
}

/** One request as the operator; JSON in and out. */
export async function call(api: RunningApi, method: string, path: string, body?: unknown): Promise<Call> {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${api.adminKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** `count` one-record sync pushes (each one Salesforce call); the statuses. */
export async function push(api: RunningApi, orgId: string, count: number, headers: Record<string, string> = {}): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${api.url}/v1/orgs/${orgId}/sync/leads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.adminKey}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ operation: 'create', records: [{ lastName: `Alert ${i}`, company: 'Acme' }] }),
    });
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

export interface NotificationView {
  id: string;
  kind: string;
  code: string;
  message: string;
  read: boolean;
  details?: Record<string, unknown>;
}

/** The org's notifications once the background work of the calls so far is done. */
export async function notifications(api: RunningApi, orgId: string): Promise<NotificationView[]> {
  await api.services.settled();
  return (await call(api, 'GET', `/v1/orgs/${orgId}/notifications`)).body.notifications as NotificationView[];
}

/** Push one record at a time until our window holds `total` calls (a describe may come first); the window's total. */
export async function pushUntil(api: RunningApi, orgId: string, total: number): Promise<number> {
  for (let i = 0; i < 100 && (await limiterTotal(api, orgId)) < total; i++) {
    const [status] = await push(api, orgId, 1);
    if (status !== 200) throw new Error(`push answered ${status}`);
  }
  return limiterTotal(api, orgId);
}
