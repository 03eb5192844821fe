import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../clock.ts';
import type { RunningSandbox } from '../start.ts';
import { PROCESSING_MS } from './job-lifecycle.ts';
import { bulkRequest, connect, firstError, openIngestJob, setState, startBulkSandbox, uploadCsv } from './test-support.ts';

let sandbox: RunningSandbox & { clock: ManualClock };
beforeAll(async () => {
  sandbox = await startBulkSandbox();
});
afterAll(() => sandbox.close());

const CSV = 'Name\nA\nB\n';

describe('Bulk API 2.0 job states', () => {
  it('moves a closed job UploadComplete → InProgress → JobComplete, one step per read, writing on the last', async () => {
    const { org, conn } = connect(sandbox);
    const id = await openIngestJob(org, { object: 'Account', operation: 'insert' });
    expect((await bulkRequest(org, `/jobs/ingest/${id}`)).json()).toMatchObject({ state: 'Open', contentUrl: `services/data/v62.0/jobs/ingest/${id}/batches` });
    await uploadCsv(org, id, CSV);
    expect((await setState(org, 'ingest', id, 'UploadComplete')).json()).toMatchObject({ id, state: 'UploadComplete' });
    const seen: [string, number][] = [];
    for (let i = 0; i < 3; i++) {
      const state = ((await bulkRequest(org, `/jobs/ingest/${id}`)).json() as { state: string }).state;
      seen.push([state, (await conn.query('SELECT Id FROM Account')).totalSize]);
    }
    expect(seen).toEqual([
      ['InProgress', 0],
      ['JobComplete', 2],
      ['JobComplete', 2],
    ]);
  });

  it('finishes a job at once when the sandbox clock has passed its processing time', async () => {
    const { org } = connect(sandbox);
    const id = await openIngestJob(org, { object: 'Account', operation: 'insert' });
    await uploadCsv(org, id, CSV);
    await setState(org, 'ingest', id, 'UploadComplete');
    sandbox.clock.advance(PROCESSING_MS);
    expect((await bulkRequest(org, `/jobs/ingest/${id}`)).json()).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 2 });
  });

  it('refuses a second upload, an upload to a closed job, and a job closed twice', async () => {
    const { org } = connect(sandbox);
    const id = await openIngestJob(org, { object: 'Account', operation: 'insert' });
    expect((await uploadCsv(org, id, CSV)).status).toBe(201);
    const again = await uploadCsv(org, id, CSV);
    expect([again.status, firstError(again).errorCode]).toEqual([409, 'INVALIDJOBSTATE']);
    expect((await setState(org, 'ingest', id, 'UploadComplete')).status).toBe(200);
    const closed = await uploadCsv(org, id, CSV);
    expect([closed.status, firstError(closed).errorCode]).toEqual([409, 'INVALIDJOBSTATE']);
    const twice = await setState(org, 'ingest', id, 'UploadComplete');
    expect([twice.status, firstError(twice)]).toEqual([409, { errorCode: 'INVALIDJOBSTATE', message: 'Invalid state transition from UploadComplete to UploadComplete' }]);
    const bogus = await setState(org, 'ingest', id, 'JobComplete');
    expect(firstError(bogus).errorCode).toBe('INVALIDJOBSTATE');
  });

  it('aborts a closed job before it runs: nothing is written, every row is unprocessed, and it cannot be reopened', async () => {
    const { org, conn } = connect(sandbox);
    const id = await openIngestJob(org, { object: 'Account', operation: 'insert' });
    await uploadCsv(org, id, CSV);
    await setState(org, 'ingest', id, 'UploadComplete');
    const job = conn.bulk2.job('ingest', { id });
    await job.abort();
    expect((await bulkRequest(org, `/jobs/ingest/${id}`)).json()).toMatchObject({ state: 'Aborted', numberRecordsProcessed: 0 });
    expect(await job.getUnprocessedRecords()).toEqual([{ Name: 'A' }, { Name: 'B' }]);
    expect(await job.getSuccessfulResults()).toEqual([]);
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(0);
    const reopen = await setState(org, 'ingest', id, 'UploadComplete');
    expect(firstError(reopen).message).toBe('Invalid state transition from Aborted to UploadComplete');
    await expect(job.abort()).rejects.toMatchObject({ errorCode: 'INVALIDJOBSTATE' });
  });

  it('deletes only closed jobs, and then the job is gone', async () => {
    const { org, conn } = connect(sandbox);
    const id = await openIngestJob(org, { object: 'Account', operation: 'insert' });
    const open = await bulkRequest(org, `/jobs/ingest/${id}`, { method: 'DELETE' });
    expect([open.status, firstError(open).errorCode]).toEqual([409, 'INVALIDJOBSTATE']);
    await setState(org, 'ingest', id, 'Aborted');
    await conn.bulk2.job('ingest', { id }).delete();
    const gone = await bulkRequest(org, `/jobs/ingest/${id}`);
    expect([gone.status, firstError(gone).errorCode]).toEqual([404, 'NOT_FOUND']);
  });

  it('answers NOT_FOUND for unknown jobs and for a query job asked for as an ingest job', async () => {
    const { org } = connect(sandbox);
    const query = (await bulkRequest(org, '/jobs/query', { method: 'POST', json: { operation: 'query', query: 'SELECT Id FROM Account' } })).json() as { id: string };
    for (const path of ['/jobs/ingest/750000000000000AAA', `/jobs/ingest/${query.id}`, '/jobs/query/750000000000000AAA/results']) {
      const res = await bulkRequest(org, path);
      expect([res.status, firstError(res).errorCode]).toEqual([404, 'NOT_FOUND']);
    }
    const upload = await uploadCsv(org, '750000000000000AAA', CSV);
    expect(upload.status).toBe(404);
  });

  it('refuses bad job definitions with INVALIDJOB and bad JSON with JSON_PARSER_ERROR', async () => {
    const { org } = connect(sandbox);
    const cases: [unknown, string][] = [
      [{ object: 'Nope', operation: 'insert' }, "sObject type 'Nope' is not supported."],
      [{ object: 'Account', operation: 'merge' }, 'Invalid operation: merge; use one of insert, update, upsert, delete, hardDelete'],
      [{ object: 'Account', operation: 'upsert' }, 'External ID field name is required for the upsert operation'],
      [{ object: 'Account', operation: 'upsert', externalIdFieldName: 'Name' }, 'Field name provided, Name is not an External ID or indexed field for Account'],
      [{ object: 'Account', operation: 'insert', columnDelimiter: 'SPACE' }, 'Invalid columnDelimiter: SPACE; use one of BACKQUOTE, CARET, COMMA, PIPE, SEMICOLON, TAB'],
      [{ object: 'Account', operation: 'insert', contentType: 'JSON' }, 'Unsupported contentType: JSON; Bulk API 2.0 takes CSV'],
    ];
    for (const [json, message] of cases) {
      const res = await bulkRequest(org, '/jobs/ingest', { method: 'POST', json });
      expect([res.status, firstError(res)]).toEqual([400, { errorCode: 'INVALIDJOB', message }]);
    }
    const bad = await bulkRequest(org, '/jobs/ingest', { method: 'POST', body: '{"object":', headers: { 'content-type': 'application/json' } });
    expect([bad.status, firstError(bad).errorCode]).toEqual([400, 'JSON_PARSER_ERROR']);
    const csvJob = await bulkRequest(org, '/jobs/ingest', { method: 'POST', body: 'Name\nA\n', headers: { 'content-type': 'text/csv' } });
    expect([csvJob.status, firstError(csvJob).errorCode]).toEqual([400, 'JSON_PARSER_ERROR']);
  });

  it('refuses job data sent as anything but text/csv, and keeps the job open', async () => {
    const { org } = connect(sandbox);
    const id = await openIngestJob(org, { object: 'Account', operation: 'insert' });
    const res = await bulkRequest(org, `/jobs/ingest/${id}/batches`, { method: 'PUT', body: '{"Name":"A"}', headers: { 'content-type': 'application/json' } });
    expect([res.status, firstError(res).errorCode]).toEqual([400, 'INVALIDJOB']);
    expect((await uploadCsv(org, id, CSV)).status).toBe(201);
  });

  it('lists the org’s jobs of each kind', async () => {
    const { org } = connect(sandbox);
    const a = await openIngestJob(org, { object: 'Account', operation: 'insert' });
    const b = await openIngestJob(org, { object: 'Lead', operation: 'insert' });
    const list = (await bulkRequest(org, '/jobs/ingest')).json() as { done: boolean; records: { id: string; jobType: string }[]; nextRecordsUrl: null };
    expect(list).toMatchObject({ done: true, nextRecordsUrl: null });
    expect(list.records.map((r) => [r.id, r.jobType])).toEqual([
      [a, 'V2Ingest'],
      [b, 'V2Ingest'],
    ]);
    expect(((await bulkRequest(org, '/jobs/query')).json() as { records: unknown[] }).records).toEqual([]);
  });
});
