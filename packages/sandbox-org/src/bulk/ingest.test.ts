import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../start.ts';
import { bulkRequest, connect, openIngestJob, setState, startBulkSandbox, uploadCsv } from './test-support.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startBulkSandbox();
});
afterAll(() => sandbox.close());

type Row = Record<string, string>;

/** jsforce types result rows by the connection's schema; these tests read them as plain CSV rows. */
const csvRows = (results: unknown): Row[] => results as Row[];

describe('Bulk API 2.0 ingest with jsforce 3 (conn.bulk2)', () => {
  it('inserts records into the record store and reports the rows that failed', async () => {
    const { conn } = connect(sandbox);
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Lead',
      operation: 'insert',
      input: [{ LastName: 'Ada', Company: 'Analytical', Email: 'ada@example.com' }, { LastName: 'Grace', Company: 'Navy', Email: 'not-an-email' }, { Company: 'Nameless' }, { LastName: 'Alan', Company: 'Bletchley' }],
    });
    const ok = csvRows(results.successfulResults);
    expect(ok.map((r) => r.LastName)).toEqual(['Ada', 'Alan']);
    expect(ok.every((r) => r.sf__Created === 'true' && /^00Q\w{15}$/.test(r.sf__Id!))).toBe(true);
    const failed = csvRows(results.failedResults);
    expect(failed.map((r) => r.Company)).toEqual(['Navy', 'Nameless']);
    expect(failed[0]!.sf__Error).toMatch(/^INVALID_EMAIL_ADDRESS:.*:Email --$/);
    expect(failed[1]!.sf__Error).toMatch(/^REQUIRED_FIELD_MISSING:Required fields are missing: \[LastName\]:LastName --$/);
    expect(failed.every((r) => r.sf__Id === '')).toBe(true);
    expect(results.unprocessedRecords).toEqual([]);
    // Really written: the REST query sees exactly the two good rows.
    const found = await conn.query<{ Id: string; LastName: string }>('SELECT Id, LastName FROM Lead ORDER BY LastName');
    expect(found.records.map((r) => [r.Id, r.LastName])).toEqual(ok.map((r) => [r.sf__Id, r.LastName]));
  });

  it('upserts on an external id: creates the new, updates the known, refuses an ambiguous key', async () => {
    const { org, conn } = connect(sandbox, { customFields: [{ object: 'Account', name: 'Erp__c', type: 'string', externalId: true }] });
    const { ids } = sandbox.control.seed(org.orgId, 'Account', [
      { Name: 'Old name', Erp__c: 'E1' },
      { Name: 'Twin A', Erp__c: 'E9' },
      { Name: 'Twin B', Erp__c: 'E9' },
    ]);
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'upsert',
      externalIdFieldName: 'Erp__c',
      input: 'Erp__c,Name,Phone\nE1,New name,\nE2,Fresh,555\nE9,Who,\n',
    });
    const ok = csvRows(results.successfulResults);
    expect(ok.map((r) => [r.Erp__c, r.sf__Created])).toEqual([
      ['E1', 'false'],
      ['E2', 'true'],
    ]);
    expect(ok[0]!.sf__Id).toBe(ids[0]);
    expect(csvRows(results.failedResults).map((r) => String(r.sf__Error).split(':')[0])).toEqual(['DUPLICATE_EXTERNAL_ID']);
    const rows = await conn.query<{ Name: string; Phone: string | null }>("SELECT Name, Phone FROM Account WHERE Erp__c IN ('E1','E2') ORDER BY Name");
    expect(rows.records.map((r) => [r.Name, r.Phone])).toEqual([
      ['Fresh', '555'],
      ['New name', null],
    ]);
  });

  it('updates by Id (an empty cell keeps the value, #N/A clears it) and deletes to the recycle bin', async () => {
    const { org, conn } = connect(sandbox);
    const { ids } = sandbox.control.seed(org.orgId, 'Account', [
      { Name: 'One', Phone: '111', Website: 'one.example' },
      { Name: 'Two', Phone: '222' },
    ]);
    const updated = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'update',
      input: `Id,Phone,Website\n${ids[0]},999,#N/A\n${ids[1]},,two.example\n001000000000000AAA,1,\n`,
    });
    expect(csvRows(updated.successfulResults).map((r) => r.sf__Id)).toEqual(ids);
    expect(csvRows(updated.failedResults).map((r) => String(r.sf__Error).split(':')[0])).toEqual(['NOT_FOUND']);
    const after = await conn.query<{ Phone: string; Website: string | null }>('SELECT Phone, Website FROM Account ORDER BY Name');
    expect(after.records.map((r) => [r.Phone, r.Website])).toEqual([
      ['999', null],
      ['222', 'two.example'],
    ]);

    const deleted = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'delete', input: [{ Id: ids[0]! }] });
    expect(csvRows(deleted.successfulResults).map((r) => r.sf__Id)).toEqual([ids[0]]);
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(1);
    const bin = await conn.request<{ totalSize: number }>(`/services/data/v62.0/queryAll?q=${encodeURIComponent('SELECT Id FROM Account WHERE IsDeleted = true')}`);
    expect(bin.totalSize).toBe(1);
  });

  it('fails the whole job for a header naming no field, with the reason in errorMessage', async () => {
    const { conn } = connect(sandbox);
    await expect(conn.bulk2.loadAndWaitForResults({ object: 'Lead', operation: 'insert', input: 'LastName,Nope__c\nA,B\n' })).rejects.toThrow(
      'Ingest job failed to complete due to: InvalidBatch : Field name not found : Nope__c',
    );
  });

  it('reads other delimiters, CRLF line endings and quoted fields holding delimiters and line breaks', async () => {
    const { org } = connect(sandbox);
    const id = await openIngestJob(org, { object: 'Account', operation: 'insert', columnDelimiter: 'SEMICOLON', lineEnding: 'CRLF' });
    expect((await uploadCsv(org, id, 'Name;Description\r\n"A;B";"line 1\r\nline ""2"""\r\n')).status).toBe(201);
    expect((await setState(org, 'ingest', id, 'UploadComplete')).status).toBe(200);
    await bulkRequest(org, `/jobs/ingest/${id}`);
    const info = (await bulkRequest(org, `/jobs/ingest/${id}`)).json();
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 1, numberRecordsFailed: 0, columnDelimiter: 'SEMICOLON', lineEnding: 'CRLF' });
    const ok = await bulkRequest(org, `/jobs/ingest/${id}/successfulResults/`);
    expect(ok.headers['content-type']).toMatch(/^text\/csv/);
    expect(ok.text).toMatch(/^"sf__Id";"sf__Created";Name;Description\r\n"001\w{15}";"true";"A;B";"line 1\r\nline ""2"""\r\n$/);
    const stored = sandbox.control.groundTruth(org.orgId).calls.map((c) => `${c.method} ${c.path.replace(/750\w+/, 'ID')}`);
    expect(stored).toContain('PUT /services/data/v62.0/jobs/ingest/ID/batches');
  });
});
