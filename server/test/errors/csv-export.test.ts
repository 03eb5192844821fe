/**
 * The CSV export of the error log: asked for by Accept or format=csv, RFC 4180 quoting, formula
 * injection neutralised (a Salesforce field label an admin typed flows into error messages), and a
 * download file name per org.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { csvCell, toCsv } from '../../src/usage/csv.ts';
import { wantsCsv } from '../../src/usage/error-routes.ts';
import { callsDuring, checklistOrg, errorsRaw, push, startWorld, type SyncWorld, type TestOrg } from '../checklist/support.ts';

const EVIL_LABEL = '=HYPERLINK("http://evil.example","Click, please")';

describe('csvCell and toCsv (RFC 4180, no formulas)', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['', ''],
    ['say "hi"', '"say ""hi"""'],
    ['one, two', '"one, two"'],
    ['line\nbreak', '"line\nbreak"'],
    ['=cmd|" /C calc"!A0', `"'=cmd|"" /C calc""!A0"`],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('numbers, booleans and absent values; CRLF after every row', () => {
    expect(
      toCsv(
        ['a', 'b', 'c', 'd'],
        [
          [1, true, undefined, null],
          [0.5, false, 'x', ''],
        ],
      ),
    ).toBe('a,b,c,d\r\n1,true,,\r\n0.5,false,x,\r\n');
  });

  it('negotiates: format wins, else text/csv must be preferred over JSON', () => {
    expect(wantsCsv('csv', 'application/json')).toBe(true);
    expect(wantsCsv('json', 'text/csv')).toBe(false);
    expect(wantsCsv(undefined, 'text/csv')).toBe(true);
    expect(wantsCsv(undefined, 'text/csv, */*;q=0.8')).toBe(true);
    expect(wantsCsv(undefined, 'application/json, text/csv;q=0.5')).toBe(false);
    expect(wantsCsv(undefined, 'text/csv, application/json')).toBe(false);
    expect(wantsCsv(undefined, 'text/csv;q=0')).toBe(false);
    expect(wantsCsv(undefined, '*/*')).toBe(false);
    expect(wantsCsv(undefined, undefined)).toBe(false);
  });
});

describe('GET /errors as CSV', () => {
  let world: SyncWorld;
  let org: TestOrg;
  beforeAll(async () => {
    world = await startWorld(inject('redisUrl'));
    org = await checklistOrg(world, { customFields: [{ object: 'Lead', name: 'Nickname__c', type: 'string', length: 5, label: EVIL_LABEL }] });
    const mapped = await fetch(`${world.api.url}/v1/orgs/${org.orgId}/mappings/custom-fields`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${world.api.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mappings: [{ crmField: 'nickname', salesforceField: 'Nickname__c', conflict: 'crm' }] }),
    });
    expect(mapped.status).toBe(200);
    const [leadId] = world.sandbox.control.seed(org.sf.orgId, 'Lead', [{ LastName: 'Target', Company: 'T' }]).ids;
    await push(world, org, 'custom-fields', { operation: 'update', records: [{ id: leadId, sobject: 'Lead', nickname: 'far too long' }] });
    await push(world, org, 'leads', { operation: 'create', records: [{ company: 'No name' }] });
  });
  afterAll(() => world.close());

  it('Accept: text/csv exports every entry, with a download name and no formula', async () => {
    const { result: answer, calls } = await callsDuring(world, org.sf, () => errorsRaw(world, org, '', { accept: 'text/csv' }));
    expect(calls).toBe(0);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="salesforce-errors-${org.orgId}.csv"`);
    const lines = answer.text.split('\r\n');
    expect(lines[0]).toBe('at,relationship,direction,object,recordId,errorCode,message,fields,status,method,path,calls,perRecord,acknowledged');
    expect(lines).toHaveLength(4); // header, two errors, and the empty string after the last CRLF
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2}T[^,]+,leads,push,Lead,,REQUIRED_FIELD_MISSING,Required fields are missing: \[LastName\],LastName,200,POST,\/composite\/sobjects,1,true,false$/);
    const evil = lines[2]!;
    expect(evil).toContain(`,STRING_TOO_LONG,"'=HYPERLINK(""http://evil.example"",""Click, please""): data value too large: far too long (max length=5)",Nickname__c,`);
    // No cell of the file starts a formula: split on the quoting-aware cell boundaries.
    const cells = [...evil.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1]!.replace(/^"|"$/g, ''));
    expect(cells.some((cell) => /^[=+\-@\t\r]/.test(cell))).toBe(false);
  });

  it('format=csv works without an Accept header, honours filters, and the JSON view still has the raw message', async () => {
    const filtered = await errorsRaw(world, org, 'format=csv&code=STRING_TOO_LONG');
    expect(filtered.text.split('\r\n')).toHaveLength(3);
    expect(filtered.text).toContain('Nickname__c');
    const json = await errorsRaw(world, org, 'code=STRING_TOO_LONG');
    expect(json.headers.get('content-type')).toContain('application/json');
    expect(JSON.parse(json.text).errors[0].message.startsWith(EVIL_LABEL)).toBe(true);
  });
});
