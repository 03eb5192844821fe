/** The OrgData contract (seed, custom fields, count, clear, SoqlSource) and the id algorithm. */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { runSoql } from '../soql/index.ts';
import { IdMinter, idSuffix, normalizeId } from './ids.ts';
import { createOrgData, SandboxOrg } from './org-data.ts';
import { createOne, retrieveOne } from './ops-records.ts';

const newOrg = () => createOrgData({ orgId: '00D000000000001AAA', clock: new ManualClock(), userId: '005000000000001' });

describe('record ids', () => {
  it("computes Salesforce's 15→18 suffix", () => {
    expect(idSuffix('01gD0000002HU6K')).toBe('IAW');
    expect(idSuffix('001R00000033I6A')).toBe('IAU');
    expect(idSuffix('00190000001pPvH')).toBe('AAU');
  });

  it('normalises 15- and 18-character ids and rejects malformed ones', () => {
    expect(normalizeId('001R00000033I6A')).toBe('001R00000033I6AIAU');
    expect(normalizeId('001R00000033I6Aiau')).toBe('001R00000033I6AIAU');
    expect(normalizeId('001R00000033I6AAAA')).toBeUndefined();
    expect(normalizeId('001R0000003')).toBeUndefined();
    expect(normalizeId('001R00000033I6-')).toBeUndefined();
  });

  it('mints distinct, valid ids with the key prefix', () => {
    const minter = new IdMinter('00Dx');
    const ids = Array.from({ length: 1000 }, () => minter.next('00Q'));
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(normalizeId(id)).toBe(id);
  });
});

describe('OrgData', () => {
  it('seeds all-or-none and counts live records', () => {
    const org = newOrg();
    expect(
      org.seed('Lead', [
        { LastName: 'a', Company: 'c' },
        { LastName: 'b', Company: 'c' },
      ]),
    ).toMatchObject({ ids: [expect.any(String), expect.any(String)] });
    const failed = org.seed('Lead', [{ LastName: 'c', Company: 'c' }, { Company: 'no name' }]);
    expect(failed).toEqual({ error: { errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'] } });
    expect(org.count('Lead')).toBe(2);
    expect(org.count('lead')).toBe(2);
    expect(org.count('Nope')).toBe(0);
  });

  it('lets seeds set audit fields (as "Set Audit Fields" does)', () => {
    const org = newOrg();
    const seeded = org.seed('Account', [{ Name: 'Old', CreatedDate: '2025-01-01T00:00:00Z', LastModifiedDate: '2025-02-01T00:00:00Z' }]);
    const id = 'ids' in seeded ? seeded.ids[0]! : '';
    const record = [...org.records('Account')].find((r) => r['Id'] === id);
    expect(record).toMatchObject({ CreatedDate: '2025-01-01T00:00:00.000+0000', LastModifiedDate: '2025-02-01T00:00:00.000+0000' });
  });

  it('adds custom fields (backfilled, refused twice) and keeps them across clear()', () => {
    const org = newOrg();
    org.seed('Contact', [{ LastName: 'x' }]);
    expect(org.addCustomField({ object: 'Contact', name: 'Opt_In__c', type: 'boolean' })).toEqual({ ok: true });
    expect(org.addCustomField({ object: 'Contact', name: 'opt_in__c', type: 'boolean' })).toMatchObject({ error: { errorCode: 'DUPLICATE_DEVELOPER_NAME' } });
    expect(org.addCustomField({ object: 'Contact', name: 'NoSuffix', type: 'string' })).toMatchObject({ error: { errorCode: 'INVALID_FIELD' } });
    expect(org.addCustomField({ object: 'Nope', name: 'X__c', type: 'string' })).toMatchObject({ error: { errorCode: 'NOT_FOUND' } });
    expect([...org.records('Contact')][0]).toMatchObject({ Opt_In__c: false });
    org.clear();
    expect(org.count('Contact')).toBe(0);
    expect(org.count('User')).toBe(1);
    expect(org.describe('contact')?.fields.map((f) => f.name)).toContain('Opt_In__c');
  });

  it('is a SoqlSource the SOQL module can query', () => {
    const org = newOrg();
    org.seed('Opportunity', [{ Name: 'Deal', StageName: 'Closed Won', CloseDate: '2026-02-01', Amount: 1000 }]);
    const result = runSoql('SELECT Name, IsWon, Probability, ExpectedRevenue FROM opportunity', org);
    expect(result).toMatchObject({ ok: true, rows: [{ Name: 'Deal', IsWon: true, Probability: 100, ExpectedRevenue: 1000 }] });
  });

  it('does a simple create and retrieve well under a millisecond each', () => {
    const org = newOrg() as SandboxOrg;
    const ctx = { org, apiVersion: '62.0', countAnotherCall: () => true };
    const rounds = 2000;
    const started = performance.now();
    for (let i = 0; i < rounds; i++) {
      const created = createOne(ctx, { params: { object: 'Lead' }, query: {}, body: { LastName: `L${i}`, Company: 'C', Email: `l${i}@x.io` }, headers: {} });
      const id = (created.body as { id: string }).id;
      retrieveOne(ctx, { params: { object: 'Lead', id }, query: {}, body: undefined, headers: {} });
    }
    expect((performance.now() - started) / rounds).toBeLessThan(0.5);
  });
});
