/** Pulls through the API read the sandbox org: each pull relationship, paging, and hostile input. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OrgInfo } from '../support/sandbox.ts';
import { call, callsDuring, startWorld, testOrg, type SyncWorld } from './sync-world.ts';

let world: SyncWorld;
let orgId: string;
let sf: OrgInfo;

beforeAll(async () => {
  world = await startWorld(inject('redisUrl'));
  ({ orgId, sf } = await testOrg(world));
});
afterAll(() => world.close());

const pull = (relationship: string, query = '') => callsDuring(world, sf, () => call(world, 'GET', `/v1/orgs/${orgId}/sync/${relationship}${query}`));
const seed = (object: string, records: Record<string, unknown>[]) => world.sandbox.control.seed(sf.orgId, object, records).ids;

describe('each pull relationship reads Salesforce as CRM records', () => {
  it.each([
    ['accounts', 'Account', { Name: 'Acme', Phone: '555-0100', Industry: 'Energy' }, { name: 'Acme', phone: '555-0100', industry: 'Energy' }],
    ['opportunities', 'Opportunity', { Name: 'Big deal', StageName: 'Prospecting', CloseDate: '2026-12-31', Amount: 5000 }, { name: 'Big deal', stage: 'Prospecting', closeDate: '2026-12-31', amount: 5000 }],
    ['campaigns', 'Campaign', { Name: 'Webinar', Type: 'Webinar', IsActive: true }, { name: 'Webinar', type: 'Webinar', isActive: true }],
    ['leads', 'Lead', { LastName: 'Pull', Company: 'P', Email: 'p@p.io' }, { lastName: 'Pull', company: 'P', email: 'p@p.io' }],
    ['contacts', 'Contact', { LastName: 'Pull', MailingCity: 'Oslo' }, { lastName: 'Pull', city: 'Oslo' }],
  ])('%s', async (relationship, object, fields, expected) => {
    const [id] = seed(object, [fields]);
    const { result, calls } = await pull(relationship, '?limit=2000');
    expect(result.status).toBe(200);
    expect(calls).toBe(1);
    const record = result.body.records.find((r: { id: string }) => r.id === id);
    expect(record).toMatchObject({ id, ...expected, modifiedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) });
    expect(result.body).toMatchObject({ relationship, done: true, nextCursor: expect.any(String) });
  });

  it('leaves out fields the CRM owns (conflict rule crm)', async () => {
    const [id] = seed('Lead', [{ LastName: 'Phone', Company: 'P', Phone: '555-0199' }]);
    const { result } = await pull('leads', '?limit=2000');
    const record = result.body.records.find((r: { id: string }) => r.id === id);
    expect(record.lastName).toBe('Phone');
    expect(record).not.toHaveProperty('phone');
  });

  it('custom-fields pulls Lead and Contact one at a time, named by sobject', async () => {
    const saved = await call(world, 'PUT', `/v1/orgs/${orgId}/mappings/custom-fields`, { mappings: [{ crmField: 'favoriteColor', salesforceField: 'Favorite_Color__c', conflict: 'recent' }] });
    expect(saved.status).toBe(200);
    const [leadId] = seed('Lead', [{ LastName: 'C', Company: 'C', Favorite_Color__c: 'green' }]);
    const [contactId] = seed('Contact', [{ LastName: 'C', Favorite_Color__c: 'blue' }]);
    const leads = await pull('custom-fields', '?sobject=Lead&limit=2000');
    expect(leads.calls).toBe(1);
    expect(leads.result.body.records.find((r: { id: string }) => r.id === leadId)).toEqual({ id: leadId, sobject: 'Lead', modifiedAt: expect.any(String), favoriteColor: 'green' });
    const contacts = await pull('custom-fields', '?sobject=Contact&limit=2000');
    expect(contacts.result.body.records.find((r: { id: string }) => r.id === contactId)).toMatchObject({ sobject: 'Contact', favoriteColor: 'blue' });
    const unnamed = await pull('custom-fields');
    expect(unnamed.result.status).toBe(400);
    expect(unnamed.calls).toBe(0);
  });
});

describe('paging', () => {
  it('follows the cursor across pages: every record exactly once, in SystemModstamp order, one call per page', async () => {
    const since = new Date(world.sandbox.clock.now() - 1).toISOString();
    const ids = seed(
      'Contact',
      Array.from({ length: 25 }, (_, i) => ({ LastName: `Page ${i}` })),
    );
    const seen: { id: string; modifiedAt: string }[] = [];
    let query = `?since=${encodeURIComponent(since)}&limit=10`;
    const pages: boolean[] = [];
    for (let guard = 0; guard < 10; guard++) {
      const { result, calls } = await pull('contacts', query);
      expect(result.status).toBe(200);
      expect(calls).toBe(1);
      seen.push(...result.body.records);
      pages.push(result.body.done);
      if (result.body.done) break;
      query = `?cursor=${result.body.nextCursor}&limit=10`;
    }
    expect(pages).toEqual([false, false, true]);
    expect(seen.map((r) => r.id)).toEqual(ids);
    expect(new Set(seen.map((r) => r.id)).size).toBe(25);
  });

  it('a cursor after the last change gives an empty page, then the next change', async () => {
    const first = await pull('accounts', '?limit=2000');
    const cursor = first.result.body.nextCursor as string;
    const empty = await pull('accounts', `?cursor=${cursor}`);
    expect(empty.result.body).toEqual({ relationship: 'accounts', records: [], nextCursor: cursor, done: true });
    const [id] = seed('Account', [{ Name: 'Later' }]);
    const later = await pull('accounts', `?cursor=${cursor}`);
    expect(later.result.body.records.map((r: { id: string }) => r.id)).toEqual([id]);
  });
});

describe('hostile and invalid input is refused before any call', () => {
  const forged = (body: unknown) => Buffer.from(JSON.stringify(body)).toString('base64url');
  it.each([
    ['since with SOQL appended', `?since=${encodeURIComponent('2020-01-01T00:00:00Z OR Id != null')}`],
    ['since with a quote', `?since=${encodeURIComponent("2020-01-01T00:00:00Z' OR '1'='1")}`],
    ['since without a zone', '?since=2020-01-01T00:00:00'],
    ['since on a day that does not exist', '?since=2021-02-30T00:00:00Z'],
    ['since as a date only', '?since=2020-01-01'],
    ['a cursor that is not base64url', `?cursor=${encodeURIComponent("' OR 1=1 --")}`],
    ['a cursor with an injected id', `?cursor=${forged({ v: 1, o: 'Lead', t: 0, id: "00Q' OR Name != '" })}`],
    ['a cursor with a text time', `?cursor=${forged({ v: 1, o: 'Lead', t: '2020-01-01T00:00:00Z) OR (Id != null', id: '00Q000000000001AAA' })}`],
    ['a cursor of another object', `?cursor=${forged({ v: 1, o: 'Contact', t: 0, id: '003000000000001AAA' })}`],
    ['since and cursor together', `?since=2020-01-01T00:00:00Z&cursor=${forged({ v: 1, o: 'Lead', t: 0, id: '00Q000000000001AAA' })}`],
    ['limit 0', '?limit=0'],
    ['limit 2001', '?limit=2001'],
    ['limit as text', '?limit=ten'],
    ['an unknown parameter', '?fields=Name'],
    ['a repeated since', '?since=2020-01-01T00:00:00Z&since=2021-01-01T00:00:00Z'],
  ])('%s → 400', async (_name, query) => {
    const { result, calls } = await pull('leads', query);
    expect(result.status).toBe(400);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
    expect(result.body.code).toBe('VALIDATION_FAILED');
    expect(calls).toBe(0);
  });
});
