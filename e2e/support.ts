/**
 * What the e2e journeys share: the stack's URLs and keys, and the few API and sandbox calls a
 * journey makes to set the scene (new org connected to a new sandbox org, keys, sync traffic).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { StackInfo } from './stack.ts';

export function stack(): StackInfo {
  return JSON.parse(readFileSync(new URL('./.stack.json', import.meta.url), 'utf8')) as StackInfo;
}

let counter = 0;

async function call<T>(url: string, init: RequestInit & { expect?: number } = {}): Promise<T> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (init.expect !== undefined && response.status !== init.expect) throw new Error(`${init.method ?? 'GET'} ${url} → ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** An API request with the operator key (or `key`). */
export function api<T = unknown>(path: string, init: { method?: string; body?: unknown; key?: string; expect?: number } = {}): Promise<T> {
  const s = stack();
  return call<T>(`${s.apiUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${init.key ?? s.adminKey}`, 'content-type': 'application/json' },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    ...(init.expect !== undefined ? { expect: init.expect } : {}),
  });
}

/** A sandbox control request. */
export function sandbox<T = unknown>(path: string, body?: unknown): Promise<T> {
  const s = stack();
  return call<T>(`${s.sandboxUrl}/_sandbox${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-sandbox-key': s.sandboxKey, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

export interface JourneyOrg {
  orgId: string;
  sfOrgId: string;
  adminKey: string;
}

/** A new org connected to a new sandbox org, with an Administrator's key. */
export async function newOrg(
  settings: { plan?: string; dailyLimit?: number; thresholds?: Record<string, number>; corsOrigins?: string[]; sandbox?: Record<string, unknown>; deferWhenLimited?: boolean } = {},
): Promise<JourneyOrg> {
  const sf = await sandbox<{ orgId: string; loginUrl: string; clientId: string; clientSecret: string; username: string; password: string }>('/orgs', settings.sandbox ?? {});
  const orgId = `e2e-${process.pid}-${++counter}-${Date.now().toString(36)}`;
  await api('/v1/orgs', {
    method: 'POST',
    expect: 201,
    body: {
      id: orgId,
      name: `E2E ${counter}`,
      plan: settings.plan ?? 'advanced',
      ...(settings.dailyLimit ? { dailyLimit: settings.dailyLimit } : {}),
      ...(settings.thresholds ? { thresholds: settings.thresholds } : {}),
      ...(settings.corsOrigins ? { corsOrigins: settings.corsOrigins } : {}),
      ...(settings.deferWhenLimited !== undefined ? { deferWhenLimited: settings.deferWhenLimited } : {}),
      salesforce: { kind: 'password', loginUrl: sf.loginUrl, clientId: sf.clientId, clientSecret: sf.clientSecret, username: sf.username, password: sf.password },
    },
  });
  const adminKey = await issueKey(orgId, { kind: 'admin', role: 'administrator' });
  return { orgId, sfOrgId: sf.orgId, adminKey };
}

/** Issue a key of the org (as the operator) and return its secret. */
export async function issueKey(orgId: string, body: Record<string, unknown>): Promise<string> {
  return (await api<{ secret: string }>(`/v1/orgs/${orgId}/keys`, { method: 'POST', body, expect: 201 })).secret;
}

/** Push `n` leads, one sync call each; returns the HTTP statuses. */
export async function pushLeads(org: JourneyOrg, n: number, record: (i: number) => Record<string, unknown> = (i) => ({ lastName: `Lead ${i}`, company: 'Acme' })): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const response = await fetch(`${stack().apiUrl}/v1/orgs/${org.orgId}/sync/leads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${org.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'create', records: [record(i)] }),
    });
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

/** Open the app's page and show the panel for an org, as an admin would: org id and key in the form. */
export async function openPanel(page: Page, orgId: string, key: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Org id').fill(orgId);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Show usage' }).click();
}

/** Screenshots of the current state at the two widths the issue names, kept as test artifacts. */
export async function screenshots(page: Page, name: string): Promise<void> {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.screenshot({ path: `e2e/test-results/screenshots/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 1000 });
}
