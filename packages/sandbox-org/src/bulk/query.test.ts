import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../start.ts';
import { DEFAULT_MAX_RECORDS } from './query-run.ts';
import { bulkRequest, connect, firstError, setState, startBulkSandbox } from './test-support.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startBulkSandbox();
});
afterAll(() => sandbox.close());

/** Create a query job over raw HTTP and read it until it is done. */
async function finishedQueryJob(org: Parameters<typeof bulkRequest>[0], query: string, operation = 'query'): Promise<string> {
  const created = await bulkRequest(org, '/jobs/query', { method: 'POST', json: { operation, query } });
  expect(created.json()).toMatchObject({ operation, state: 'UploadComplete', contentType: 'CSV', apiVersion: 62 });
  const id = (created.json() as { id: string }).id;
  await bulkRequest(org, `/jobs/query/${id}`);
  expect((await bulkRequest(org, `/jobs/query/${id}`)).json()).toMatchObject({ state: 'JobComplete', jobType: 'V2Query' });
  return id;
}

describe('Bulk API 2.0 query', () => {
  it('answers jsforce’s bulk2.query with every row, values quoted as Salesforce quotes them', async () => {
    const { org, conn } = connect(sandbox);
    sandbox.control.seed(org.orgId, 'Account', [
      { Name: 'Plain', NumberOfEmployees: 3 },
      { Name: 'Comma, "quoted"\nand a line break', NumberOfEmployees: null },
    ]);
    const stream = await conn.bulk2.query('SELECT Id, Name, NumberOfEmployees FROM Account ORDER BY Name DESC');
    const rows = (await stream.toArray()) as Record<string, string>[];
    expect(rows.map((r) => [r.Name, r.NumberOfEmployees])).toEqual([
      ['Plain', '3'],
      ['Comma, "quoted"\nand a line break', ''],
    ]);
    expect(rows.every((r) => /^001\w{15}$/.test(r.Id!))).toBe(true);
  });

  it('walks several locator pages to the end; together they hold every row once', async () => {
    const { org } = connect(sandbox);
    sandbox.control.seed(
      org.orgId,
      'Account',
      Array.from({ length: 7 }, (_, i) => ({ Name: `Acct ${i}` })),
    );
    const id = await finishedQueryJob(org, 'SELECT Name FROM Account ORDER BY Name');
    const names: string[] = [];
    const counts: string[] = [];
    let locator = '';
    do {
      const page = await bulkRequest(org, `/jobs/query/${id}/results?maxRecords=3${locator ? `&locator=${locator}` : ''}`);
      expect(page.text.startsWith('"Name"\n')).toBe(true);
      names.push(...page.text.trim().split('\n').slice(1));
      counts.push(page.headers['sforce-numberofrecords'] as string);
      locator = page.headers['sforce-locator'] as string;
    } while (locator !== 'null');
    expect(counts).toEqual(['3', '3', '1']);
    expect(names).toEqual(Array.from({ length: 7 }, (_, i) => `"Acct ${i}"`));
    // Without maxRecords, one page of up to DEFAULT_MAX_RECORDS rows.
    const whole = await bulkRequest(org, `/jobs/query/${id}/results`);
    expect([whole.headers['sforce-numberofrecords'], whole.headers['sforce-locator']]).toEqual([String(Math.min(7, DEFAULT_MAX_RECORDS)), 'null']);
  });

  it('pages by maxRecords with Sforce-Locator and Sforce-NumberOfRecords, ending with the locator "null"', async () => {
    const { org } = connect(sandbox);
    sandbox.control.seed(org.orgId, 'Contact', [{ LastName: 'A' }, { LastName: 'B, "Jr"' }, { LastName: 'C', Email: 'c@example.com' }]);
    const id = await finishedQueryJob(org, 'SELECT LastName, Email FROM Contact ORDER BY LastName');
    const first = await bulkRequest(org, `/jobs/query/${id}/results?maxRecords=2`);
    expect(first.headers['content-type']).toMatch(/^text\/csv/);
    expect([first.headers['sforce-numberofrecords'], first.text]).toEqual(['2', '"LastName","Email"\n"A",""\n"B, ""Jr""",""\n']);
    const locator = first.headers['sforce-locator'] as string;
    const second = await bulkRequest(org, `/jobs/query/${id}/results?maxRecords=2&locator=${locator}`);
    expect([second.headers['sforce-numberofrecords'], second.headers['sforce-locator'], second.text]).toEqual(['1', 'null', '"LastName","Email"\n"C","c@example.com"\n']);
    // A locator stays valid: the same page again.
    expect((await bulkRequest(org, `/jobs/query/${id}/results?maxRecords=2&locator=${locator}`)).text).toBe(second.text);
  });

  it('refuses a bad locator, a bad maxRecords, and results before the job is complete', async () => {
    const { org } = connect(sandbox);
    const id = await finishedQueryJob(org, 'SELECT Id FROM Account');
    const locator = await bulkRequest(org, `/jobs/query/${id}/results?locator=bm9wZQ`);
    expect([locator.status, firstError(locator).errorCode]).toEqual([400, 'INVALID_QUERY_LOCATOR']);
    const max = await bulkRequest(org, `/jobs/query/${id}/results?maxRecords=0`);
    expect([max.status, firstError(max).errorCode]).toEqual([400, 'INVALIDJOB']);
    const fresh = (await bulkRequest(org, '/jobs/query', { method: 'POST', json: { query: 'SELECT Id FROM Lead' } })).json() as { id: string };
    const early = await bulkRequest(org, `/jobs/query/${fresh.id}/results`);
    expect([early.status, firstError(early).errorCode]).toEqual([409, 'INVALIDJOBSTATE']);
  });

  it('refuses a query the SOQL engine cannot run when the job is created', async () => {
    const { org, conn } = connect(sandbox);
    const malformed = await bulkRequest(org, '/jobs/query', { method: 'POST', json: { operation: 'query', query: 'SELECT FROM' } });
    expect([malformed.status, firstError(malformed).errorCode]).toEqual([400, 'MALFORMED_QUERY']);
    await expect(conn.bulk2.query('SELECT Nope__c FROM Account')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    const count = await bulkRequest(org, '/jobs/query', { method: 'POST', json: { query: 'SELECT COUNT() FROM Account' } });
    expect([count.status, firstError(count).errorCode]).toEqual([400, 'INVALIDJOB']);
    expect(((await bulkRequest(org, '/jobs/query')).json() as { records: unknown[] }).records).toEqual([]);
  });

  it('sees the recycle bin with queryAll only', async () => {
    const { org, conn } = connect(sandbox);
    const { ids } = sandbox.control.seed(org.orgId, 'Account', [{ Name: 'Kept' }, { Name: 'Binned' }]);
    await conn.sobject('Account').destroy(ids[1]!);
    const live = await finishedQueryJob(org, 'SELECT Name FROM Account');
    const all = await finishedQueryJob(org, 'SELECT Name, IsDeleted FROM Account ORDER BY Name', 'queryAll');
    expect((await bulkRequest(org, `/jobs/query/${live}/results`)).text).toBe('"Name"\n"Kept"\n');
    expect((await bulkRequest(org, `/jobs/query/${all}/results`)).text).toBe('"Name","IsDeleted"\n"Binned","true"\n"Kept","false"\n');
  });

  it('aborts a query job that has not run, and refuses other state changes', async () => {
    const { org, conn } = connect(sandbox);
    const created = (await bulkRequest(org, '/jobs/query', { method: 'POST', json: { query: 'SELECT Id FROM Account' } })).json() as { id: string };
    const closeIt = await setState(org, 'query', created.id, 'UploadComplete');
    expect(firstError(closeIt)).toEqual({ errorCode: 'INVALIDJOBSTATE', message: 'Invalid state transition from UploadComplete to UploadComplete' });
    const job = conn.bulk2.job('query', { id: created.id });
    expect(await job.abort()).toMatchObject({ state: 'Aborted' });
    await expect(job.poll(5, 1000)).rejects.toThrow('Job has been aborted');
    await job.delete();
    expect((await bulkRequest(org, `/jobs/query/${created.id}`)).status).toBe(404);
  });

  it('writes the job’s delimiter and line ending', async () => {
    const { org } = connect(sandbox);
    sandbox.control.seed(org.orgId, 'Account', [{ Name: 'Pipe|Co', Phone: '1' }]);
    const res = await bulkRequest(org, '/jobs/query', { method: 'POST', json: { query: 'SELECT Name, Phone FROM Account', columnDelimiter: 'PIPE', lineEnding: 'CRLF' } });
    const { id } = res.json() as { id: string };
    await bulkRequest(org, `/jobs/query/${id}`);
    await bulkRequest(org, `/jobs/query/${id}`);
    expect((await bulkRequest(org, `/jobs/query/${id}/results`)).text).toBe('"Name"|"Phone"\r\n"Pipe|Co"|"1"\r\n');
  });
});
