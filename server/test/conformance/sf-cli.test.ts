/**
 * The real Salesforce CLI (`sf` 2.x on Node 22) against the sandbox org and through our passthrough,
 * with the same commands and assertions both ways: log in with an access token, then limits, record
 * create/get/update/delete, a query with a relationship field, describe and a raw REST request.
 * Through the passthrough the CLI is given the documented instance URL, the API's root (the org is the
 * key's own); the org path works too when it ends in a slash (the CLI appends `services/…` to the URL
 * as given), and is checked with a login and one command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useStack } from '../support/stack.ts';
import { startSfCli, type SfCli, type SfResult } from './sf-cli.ts';
import { WAYS, closeWay, expectPassthroughFaithful, openWay, type Way } from './ways.ts';

// Each command starts the CLI afresh (about 2 s of plugin loading on two busy cores).
const SF_TIMEOUT = 60_000;
const ALIAS = 'conformance';
const ORG_PATH_ALIAS = 'org-path';

/** The last answers the CLI received, to read in a failure. */
function lastAnswers(way: Way, count = 3): string {
  return way.served
    .slice(-count)
    .map((r) => `${r.method} ${r.url} → ${r.statusCode} ${r.body.slice(0, 400)}`)
    .join('\n');
}

/** The command's `result`, after checking it succeeded (with the last answers it got, on failure). */
function succeeded(outcome: SfResult, way: Way): any {
  const summary = { exitCode: outcome.exitCode, status: outcome.json.status, message: outcome.json.message };
  expect(summary, `the CLI's last answers:\n${lastAnswers(way)}`).toEqual({ exitCode: 0, status: 0, message: undefined });
  return outcome.json.result;
}

const stack = useStack();

describe.each(WAYS)('the Salesforce CLI, %s', (wayName) => {
  let way: Way;
  let cli: SfCli;
  let accountId: string;

  beforeAll(async () => {
    way = await openWay(stack, wayName, 'salesforce');
    cli = await startSfCli();
  }, SF_TIMEOUT * 2);
  afterAll(async () => {
    closeWay(way);
    await cli?.close();
  });

  it('logs in with the org path ending in a slash (the access token, SF_ACCESS_TOKEN), and lists the limits there', { timeout: SF_TIMEOUT * 2 }, async () => {
    const result = succeeded(await cli.sf(['org', 'login', 'access-token', '--instance-url', `${way.instanceUrl}/`, '--no-prompt', '--alias', ORG_PATH_ALIAS], { SF_ACCESS_TOKEN: way.accessToken }), way);
    expect(result).toMatchObject({ orgId: way.sfOrgId, instanceUrl: expect.stringContaining(way.instanceUrl) });
    const limits = succeeded(await cli.sf(['org', 'list', 'limits', '--target-org', ORG_PATH_ALIAS]), way) as { name: string; max: number }[];
    expect(limits.find((l) => l.name === 'DailyApiRequests')?.max).toBe(15_000);
    // Through the passthrough, those requests came to the org path.
    if (way.orgId) expect(way.served.at(-1)?.url).toMatch(new RegExp(`^/v1/orgs/${way.orgId}/salesforce//?services/data/`));
  });

  it('logs in with the instance URL as documented (used by the commands below)', { timeout: SF_TIMEOUT }, async () => {
    // The CLI keeps one login per username: this one, made last, is what both aliases now use.
    const result = succeeded(await cli.sf(['org', 'login', 'access-token', '--instance-url', way.rootInstanceUrl, '--no-prompt', '--alias', ALIAS], { SF_ACCESS_TOKEN: way.accessToken }), way);
    expect(result).toMatchObject({ orgId: way.sfOrgId, instanceUrl: expect.stringContaining(way.rootInstanceUrl) });
    expect(result.username).toEqual(expect.any(String));
  });

  it('lists the org limits', { timeout: SF_TIMEOUT }, async () => {
    const limits = succeeded(await cli.sf(['org', 'list', 'limits', '--target-org', ALIAS]), way) as { name: string; max: number; remaining: number }[];
    const daily = limits.find((l) => l.name === 'DailyApiRequests');
    expect(daily?.max).toBe(15_000);
    expect(daily?.remaining).toBeLessThan(15_000);
  });

  it('creates, reads and updates a record', { timeout: SF_TIMEOUT * 3 }, async () => {
    const created = succeeded(await cli.sf(['data', 'create', 'record', '--sobject', 'Account', '--values', "Name='Lövelace Engines'", '--target-org', ALIAS]), way);
    expect(created).toMatchObject({ success: true, id: expect.stringMatching(/^001\w{15}$/) });
    accountId = created.id as string;
    const read = succeeded(await cli.sf(['data', 'get', 'record', '--sobject', 'Account', '--record-id', accountId, '--target-org', ALIAS]), way);
    expect(read).toMatchObject({ Id: accountId, Name: 'Lövelace Engines' });
    succeeded(await cli.sf(['data', 'update', 'record', '--sobject', 'Account', '--record-id', accountId, '--values', "Name='Difference Engines'", '--target-org', ALIAS]), way);
  });

  it('queries with a relationship field, which reads the update back', { timeout: SF_TIMEOUT }, async () => {
    // Seeded through the sandbox's control API (no call counted): the query is what is under test.
    stack.sandbox.control.seed(way.sfOrgId, 'Contact', [{ LastName: 'Hopper', AccountId: accountId }]);
    const result = succeeded(await cli.sf(['data', 'query', '--query', `SELECT Id, LastName, Account.Name FROM Contact WHERE AccountId = '${accountId}'`, '--target-org', ALIAS]), way);
    expect(result.totalSize).toBe(1);
    expect(result.records[0]).toMatchObject({ LastName: 'Hopper', Account: { Name: 'Difference Engines' } });
  });

  it('describes an sObject', { timeout: SF_TIMEOUT }, async () => {
    const result = succeeded(await cli.sf(['sobject', 'describe', '--sobject', 'Account', '--target-org', ALIAS]), way);
    expect(result.name).toBe('Account');
    expect((result.fields as { name: string }[]).map((f) => f.name)).toContain('Name');
  });

  it('sends a raw REST request', { timeout: SF_TIMEOUT }, async () => {
    const outcome = await cli.sf(['api', 'request', 'rest', `/services/data/v62.0/sobjects/Account/${accountId}`, '--target-org', ALIAS]);
    const result = succeeded(outcome, way);
    expect(result).toMatchObject({ statusCode: 200, body: { Id: accountId, Name: 'Difference Engines' } });
    expect(result.headers['sforce-limit-info']).toMatch(/^api-usage=\d+\/15000$/);
    // Through the passthrough, the documented instance URL is the root mount (kept as `<api>/`, so `//services/…`).
    if (way.orgId) expect(way.served.at(-1)?.url).toMatch(new RegExp(`^/+services/data/v62\\.0/sobjects/Account/${accountId}$`));
  });

  it('deletes the record, after which reading it is NOT_FOUND', { timeout: SF_TIMEOUT * 2 }, async () => {
    succeeded(await cli.sf(['data', 'delete', 'record', '--sobject', 'Account', '--record-id', accountId, '--target-org', ALIAS]), way);
    const gone = await cli.sf(['data', 'get', 'record', '--sobject', 'Account', '--record-id', accountId, '--target-org', ALIAS]);
    expect(gone.exitCode).not.toBe(0);
    expect(JSON.stringify(gone.json)).toMatch(/NOT_FOUND|not found/i);
  });

  it('never tried to reach a host other than this machine', async () => {
    const { guardedProcesses, refused } = await cli.outsideConnections();
    expect(guardedProcesses).toBeGreaterThanOrEqual(9);
    expect(refused).toEqual([]);
  });

  if (wayName === 'passthrough') {
    it('cost the org what we report as used, and no answer named the Salesforce host', async () => {
      await expectPassthroughFaithful(stack, way);
    });
  }
});
