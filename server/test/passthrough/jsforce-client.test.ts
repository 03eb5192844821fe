/**
 * The real jsforce client, pointed at our passthrough, works unchanged against the sandbox org,
 * and every request it sends is one call in the sandbox's ground truth and in our limiter.
 */
import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../support/sandbox.ts';
import { recordServedResponses } from '../support/served-responses.ts';
import { useStack } from '../support/stack.ts';
import { connectedOrg, limiterTotal, type RunningApi } from '../support/api.ts';
import { clientFor, countPassthroughRequests, sandboxDataCalls } from './support.ts';

describe('passthrough with jsforce as the client', () => {
  const stack = useStack();
  let sandbox: RunningSandbox;
  let api: RunningApi;
  let orgId: string;
  let sfOrgId: string;
  let client: Connection;
  let through: ReturnType<typeof countPassthroughRequests>;
  let baseline: { sandbox: number; limiter: number };

  beforeAll(async () => {
    ({ sandbox, api } = stack);
    const org = await connectedOrg(api, sandbox);
    orgId = org.orgId;
    sfOrgId = org.sf.orgId;
    client = clientFor(api, orgId);
    // Creating the org verified its credentials with one call; count from here.
    baseline = { sandbox: sandboxDataCalls(sandbox, sfOrgId).total, limiter: await limiterTotal(api, orgId) };
    through = countPassthroughRequests(api, orgId);
  });
  afterAll(async () => {
    through?.stop();
  });

  it('creates, retrieves, updates and deletes a Lead', async () => {
    // Non-ASCII text checks that bodies cross both ways byte for byte.
    const created = await client.sobject('Lead').create({ LastName: 'Lövelace 💡', Company: 'Analytical Engines' });
    expect(created.success).toBe(true);
    const id = created.id!;
    const read = await client.sobject('Lead').retrieve(id);
    expect(read).toMatchObject({ Id: id, LastName: 'Lövelace 💡', Company: 'Analytical Engines' });
    await client.sobject('Lead').update({ Id: id, Company: 'Difference Engines' });
    expect((await client.sobject('Lead').retrieve(id)).Company).toBe('Difference Engines');
    expect((await client.sobject('Lead').destroy(id)).success).toBe(true);
    await expect(client.sobject('Lead').retrieve(id)).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });

  it('creates 200 records in one sObject Collections call', async () => {
    const before = through.count;
    const records = Array.from({ length: 200 }, (_, i) => ({ LastName: `Batch ${i}`, Company: 'Collections' }));
    const results = await client.sobject('Lead').create(records, { allOrNone: true });
    expect(results).toHaveLength(200);
    expect(results.every((r) => r.success)).toBe(true);
    expect(through.count - before).toBe(1);
  });

  it('runs a composite request whose second step references the first', async () => {
    const result = await client.requestPost<{ compositeResponse: { httpStatusCode: number; referenceId: string; body: { Id?: string; AccountId?: string } }[] }>('/composite', {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: '/services/data/v62.0/sobjects/Account', referenceId: 'acct', body: { Name: 'Composite Co' } },
        { method: 'POST', url: '/services/data/v62.0/sobjects/Contact', referenceId: 'person', body: { LastName: 'Hopper', AccountId: '@{acct.id}' } },
      ],
    });
    expect(result.compositeResponse.map((r) => r.httpStatusCode)).toEqual([201, 201]);
    const contactId = (result.compositeResponse[1]!.body as { id: string }).id;
    const accountId = (result.compositeResponse[0]!.body as { id: string }).id;
    expect((await client.sobject('Contact').retrieve(contactId)).AccountId).toBe(accountId);
  });

  it('pages a 2,500-record query with autoFetch, every page through us', async () => {
    sandbox.control.seed(
      sfOrgId,
      'Lead',
      Array.from({ length: 2500 }, (_, i) => ({ LastName: `Seeded ${i}`, Company: 'Paging Inc' })),
    );
    const before = through.urls.length;
    const result = await client.query("SELECT Id, LastName FROM Lead WHERE Company = 'Paging Inc'").run({ autoFetch: true, maxFetch: 10_000 });
    expect(result.records).toHaveLength(2500);
    const pages = through.urls.slice(before);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toMatch(/\/services\/data\/v62\.0\/query\?q=/);
    expect(pages[1]).toMatch(/\/services\/data\/v62\.0\/query\/[^/?]+-2000$/);
  });

  it('describes, and passes a 304 for If-Modified-Since through', async () => {
    const responses = recordServedResponses(api.app.server, `/v1/orgs/${orgId}/`);
    const describe = await client.describe('Lead');
    expect(describe.name).toBe('Lead');
    const lastModified = responses.at(-1)?.headers['last-modified'];
    expect(lastModified).toBeTruthy();
    await client.request({ method: 'GET', url: '/services/data/v62.0/sobjects/Lead/describe', headers: { 'If-Modified-Since': lastModified! } });
    expect(responses.at(-1)?.statusCode).toBe(304);
    expect(responses.at(-1)?.body).toBe('');
  });

  it('reads the limits, with Sforce-Limit-Info passed back', async () => {
    const responses = recordServedResponses(api.app.server, `/v1/orgs/${orgId}/`);
    const limits = await client.limits();
    expect(limits.DailyApiRequests?.Max).toBe(15_000);
    expect(responses.at(-1)?.headers['sforce-limit-info']).toMatch(/^api-usage=\d+\/15000$/);
    expect(client.limitInfo.apiUsage?.limit).toBe(15_000);
  });

  it("returns Salesforce's error status and body, so jsforce raises the same errorCode", async () => {
    const direct = new Connection({ instanceUrl: sandbox.url, accessToken: sandbox.control.createOrg().accessToken, version: '62.0' });
    const viaDirect = await direct
      .sobject('Lead')
      .create({ Company: 'No Name' })
      .catch((e: unknown) => e);
    const responses = recordServedResponses(api.app.server, `/v1/orgs/${orgId}/`);
    const viaUs = await client
      .sobject('Lead')
      .create({ Company: 'No Name' })
      .catch((e: unknown) => e);
    expect(viaUs).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING' });
    expect({ ...(viaUs as object) }).toEqual({ ...(viaDirect as object) });
    expect((viaUs as Error).message).toBe((viaDirect as Error).message);
    expect(responses.at(-1)?.statusCode).toBe(400);
    expect(responses.at(-1)?.headers['content-type']).toBe('application/json;charset=UTF-8');
  });

  it('forwards a malformed JSON body byte for byte, for Salesforce to reject', async () => {
    const body = '{"LastName": "Broken",';
    const response = await fetch(`${api.url}/v1/orgs/${orgId}/salesforce/services/data/v62.0/sobjects/Lead`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.adminKey}`, 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    const errors = (await response.json()) as { errorCode: string }[];
    expect(errors[0]?.errorCode).toBe('JSON_PARSER_ERROR');
  });

  it("passes HEAD through without a body, and appends our name to the caller's client= label", async () => {
    const url = `${api.url}/v1/orgs/${orgId}/salesforce/services/data/v62.0/limits`;
    const head = await fetch(url, { method: 'HEAD', headers: { authorization: `Bearer ${api.adminKey}` } });
    expect(head.status).toBe(200);
    expect(head.headers.get('sforce-limit-info')).toMatch(/^api-usage=/);
    expect(await head.text()).toBe('');
    const get = await fetch(url, { headers: { authorization: `Bearer ${api.adminKey}`, 'sforce-call-options': 'client=theirs, defaultNamespace=acme' } });
    expect(get.status).toBe(200);
    expect(sandbox.control.groundTruth(sfOrgId).calls.at(-1)).toMatchObject({ method: 'GET', client: 'theirs via callbudget' });
  });

  it('costs exactly one call in the sandbox and in our limiter per request jsforce sent', async () => {
    expect(through.count).toBeGreaterThan(10);
    expect(sandboxDataCalls(sandbox, sfOrgId).total - baseline.sandbox).toBe(through.count);
    expect((await limiterTotal(api, orgId)) - baseline.limiter).toBe(through.count);
    // jsforce sends no client= label of its own: every call it made is labelled ours alone.
    const clients = sandbox.control
      .groundTruth(sfOrgId)
      .calls.filter((c) => c.path.startsWith('/services/data/'))
      .map((c) => c.client);
    expect(new Set(clients)).toEqual(new Set(['callbudget', 'theirs via callbudget']));
    expect(clients.filter((c) => c === 'theirs via callbudget')).toHaveLength(1);
  });
});
