/** Describe resources: global describe, sObject describe with If-Modified-Since, basic info. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS } from './test-targets.ts';
import type { Target, TargetOrg } from './test-targets.ts';

interface FieldEntry {
  name: string;
  type: string;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  custom: boolean;
  [k: string]: unknown;
}

describe.each(TARGETS)('describe (%s)', (_name, start) => {
  let target: Target;
  let t: TargetOrg;
  const describeUrl = (object: string) => `${t.instanceUrl}/services/data/v62.0/sobjects/${object}/describe`;
  const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers: { authorization: `Bearer ${t.accessToken}`, ...headers } });

  beforeAll(async () => {
    target = await start();
    t = await target.newOrg();
  });
  afterAll(() => target.close());

  it('describes Lead with real field types and flags', async () => {
    const d = await t.conn.sobject('Lead').describe();
    expect(d).toMatchObject({ name: 'Lead', label: 'Lead', labelPlural: 'Leads', keyPrefix: '00Q', custom: false, createable: true, queryable: true });
    const fields = new Map((d.fields as unknown as FieldEntry[]).map((f) => [f.name, f]));
    expect(fields.get('Id')).toMatchObject({ type: 'id', createable: false, nillable: false });
    expect(fields.get('LastName')).toMatchObject({ type: 'string', length: 80, nillable: false, createable: true });
    expect(fields.get('Name')).toMatchObject({ createable: false, updateable: false, nameField: true });
    expect(fields.get('Email')).toMatchObject({ type: 'email' });
    expect(fields.get('OwnerId')).toMatchObject({ type: 'reference', referenceTo: ['User'], defaultedOnCreate: true });
    const status = fields.get('Status')!;
    expect(status).toMatchObject({ type: 'picklist', restrictedPicklist: true, defaultedOnCreate: true });
    expect(status['picklistValues']).toContainEqual(expect.objectContaining({ value: 'Open - Not Contacted', defaultValue: true }));
    expect(fields.get('SystemModstamp')).toMatchObject({ type: 'datetime' });
    const contact = await t.conn.sobject('Contact').describe();
    expect(contact.fields.find((f) => f.name === 'AccountId')).toMatchObject({ type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' });
  });

  it('answers 304 to If-Modified-Since until a custom field changes the describe', async () => {
    const first = await get(describeUrl('Lead'));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const lastModified = first.headers.get('last-modified')!;
    expect(lastModified).toMatch(/GMT$/);
    const again = await get(describeUrl('Lead'), { 'If-Modified-Since': lastModified });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // jsforce passes the header through too.
    const viaJsforce = await t.conn.request({ method: 'GET', url: '/sobjects/Lead/describe', headers: { 'If-Modified-Since': lastModified } });
    expect(viaJsforce).toBeFalsy();

    t.addCustomField({ object: 'Lead', name: 'Lead_Score__c', type: 'double', label: 'Lead Score' });
    const changed = await get(describeUrl('Lead'), { 'If-Modified-Since': lastModified });
    expect(changed.status).toBe(200);
    const body = (await changed.json()) as { fields: FieldEntry[] };
    expect(body.fields.at(-1)).toMatchObject({ name: 'Lead_Score__c', type: 'double', custom: true, label: 'Lead Score', createable: true });
  });

  it('lets custom fields be written and queried', async () => {
    t.addCustomField({ object: 'Contact', name: 'Score__c', type: 'double' });
    const { id } = (await t.conn.sobject('Contact').create({ LastName: 'Scored', Score__c: 42 })) as { id: string };
    const result = await t.conn.query(`SELECT Id, Score__c FROM Contact WHERE Score__c > 40`);
    expect(result.records.map((r) => [r['Id'], r['Score__c']])).toEqual([[id, 42]]);
  });

  it('describes the org globally, with or without a trailing slash', async () => {
    const global = await t.conn.describeGlobal();
    expect(global).toMatchObject({ encoding: 'UTF-8', maxBatchSize: 200 });
    expect(global.sobjects.map((s) => s.name)).toEqual(['Account', 'Campaign', 'Contact', 'Event', 'Lead', 'Opportunity', 'Organization', 'User']);
    expect(global.sobjects.find((s) => s.name === 'Event')).toMatchObject({ keyPrefix: '00U', queryable: true, urls: { describe: '/services/data/v62.0/sobjects/Event/describe' } });
    const slash = await get(`${t.instanceUrl}/services/data/v62.0/sobjects/`);
    expect(slash.status).toBe(200);
  });

  it('gives basic info with recent items, and 404 for unknown objects', async () => {
    const { id } = (await t.conn.sobject('Account').create({ Name: 'Recent' })) as { id: string };
    const info = await t.conn.request<{ objectDescribe: { name: string }; recentItems: Array<Record<string, unknown>> }>('/sobjects/Account');
    expect(info.objectDescribe.name).toBe('Account');
    expect(info.recentItems[0]).toMatchObject({ Id: id, Name: 'Recent' });
    const missing = await get(describeUrl('Nope'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  });

  it('creates Events from start + duration and derives the end', async () => {
    const { id } = (await t.conn.sobject('Event').create({ Subject: 'Call', StartDateTime: '2026-01-05T10:00:00.000Z', DurationInMinutes: 30 })) as { id: string };
    const ev = await t.conn.sobject('Event').retrieve(id);
    expect(ev).toMatchObject({ ActivityDateTime: '2026-01-05T10:00:00.000+0000', EndDateTime: '2026-01-05T10:30:00.000+0000', ActivityDate: '2026-01-05' });
    const err = await t.conn
      .sobject('Event')
      .create({ Subject: 'No time' })
      .then(
        () => undefined,
        (e: { errorCode: string }) => e,
      );
    expect(err?.errorCode).toBe('REQUIRED_FIELD_MISSING');
  });
});
