/** The mapping page: Salesforce fields from a cached describe (0 calls when warm), and validated changes. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Org } from '../../src/orgs/org.ts';
import type { OrgInfo } from '../support/sandbox.ts';
import { DESCRIBE_FRESH_MS, describeObject } from '../../src/sync/describe-cache.ts';
import { DEFAULT_MAPPINGS } from '../../src/sync/default-mappings.ts';
import { call, callsDuring, startWorld, testOrg, type SyncWorld } from './sync-world.ts';

let world: SyncWorld;
let orgId: string;
let sf: OrgInfo;

beforeAll(async () => {
  world = await startWorld(inject('redisUrl'));
  ({ orgId, sf } = await testOrg(world));
});
afterAll(() => world.close());

const page = (relationship: string) => callsDuring(world, sf, () => call(world, 'GET', `/v1/orgs/${orgId}/mappings/${relationship}`));
const put = (relationship: string, mappings: unknown) => callsDuring(world, sf, () => call(world, 'PUT', `/v1/orgs/${orgId}/mappings/${relationship}`, { mappings }));

describe('GET /mappings/:relationship', () => {
  it('shows the Salesforce fields and the mappings; a second load costs no call', async () => {
    const first = await page('leads');
    expect(first.result.status).toBe(200);
    expect(first.calls).toBe(1);
    expect(first.result.body).toMatchObject({ relationship: 'leads', direction: 'two-way', mappings: DEFAULT_MAPPINGS.leads });
    const [lead] = first.result.body.objects;
    expect(lead.name).toBe('Lead');
    expect(lead.fields.find((f: { name: string }) => f.name === 'LastName')).toEqual({ name: 'LastName', label: expect.any(String), type: 'string', custom: false, updateable: true, createable: true, externalId: false });
    expect(lead.fields.find((f: { name: string }) => f.name === 'Crm_Id__c')).toMatchObject({ custom: true, externalId: true });
    const second = await page('leads');
    expect(second.calls).toBe(0);
    expect(second.result.body).toEqual(first.result.body);
  });

  it('custom-fields and lead-score list the custom fields of Lead and Contact', async () => {
    const { result, calls } = await page('custom-fields');
    expect(calls).toBe(1); // Contact; Lead was described by the previous test
    expect(result.body.objects.map((o: { name: string }) => o.name)).toEqual(['Lead', 'Contact']);
    expect(result.body.objects[1].fields.map((f: { name: string }) => f.name).sort()).toEqual(['Favorite_Color__c', 'Lead_Score__c']);
    expect((await page('lead-score')).calls).toBe(0);
  });
});

describe('PUT /mappings/:relationship', () => {
  it('saves valid mappings with the describe spelling, at no call with a warm cache', async () => {
    const { result, calls } = await put('leads', [
      { crmField: 'lastName', salesforceField: 'lastname', conflict: 'recent' },
      { crmField: 'company', salesforceField: 'Company', conflict: 'salesforce' },
      { crmField: 'fax', salesforceField: null, conflict: 'recent' },
    ]);
    expect(result.status).toBe(200);
    expect(calls).toBe(0);
    expect(result.body.mappings[0]).toEqual({ crmField: 'lastName', salesforceField: 'LastName', conflict: 'recent' });
    expect((await page('leads')).result.body.mappings).toHaveLength(3);
  });

  it.each([
    ['a field Salesforce does not have', 'leads', [{ crmField: 'shoe', salesforceField: 'ShoeSize', conflict: 'recent' }]],
    ['a read-only field on a push relationship', 'leads', [{ crmField: 'name', salesforceField: 'Name', conflict: 'recent' }]],
    ['a standard field for custom-fields', 'custom-fields', [{ crmField: 'email', salesforceField: 'Email', conflict: 'recent' }]],
    [
      'two score fields',
      'lead-score',
      [
        { crmField: 'a', salesforceField: 'Lead_Score__c', conflict: 'crm' },
        { crmField: 'b', salesforceField: null, conflict: 'crm' },
      ],
    ],
    [
      'one Salesforce field twice',
      'leads',
      [
        { crmField: 'a', salesforceField: 'Email', conflict: 'crm' },
        { crmField: 'b', salesforceField: 'Email', conflict: 'crm' },
      ],
    ],
    [
      'one CRM field twice',
      'leads',
      [
        { crmField: 'a', salesforceField: 'Email', conflict: 'crm' },
        { crmField: 'a', salesforceField: 'Phone', conflict: 'crm' },
      ],
    ],
    ['a reserved CRM field', 'leads', [{ crmField: 'id', salesforceField: 'Email', conflict: 'crm' }]],
    ['constructor as CRM field', 'leads', [{ crmField: 'constructor', salesforceField: 'Email', conflict: 'crm' }]],
    ['a CRM field name with SOQL in it', 'leads', [{ crmField: 'a, Id FROM User', salesforceField: 'Email', conflict: 'crm' }]],
    ['a Salesforce field name with SOQL in it', 'accounts', [{ crmField: 'a', salesforceField: 'Name FROM User --', conflict: 'crm' }]],
    ['an unknown conflict rule', 'leads', [{ crmField: 'a', salesforceField: 'Email', conflict: 'newest' }]],
  ])('refuses %s → 400', async (_name, relationship, mappings) => {
    await page(relationship); // warm the describe, so the refusal itself is seen to cost nothing
    const { result, calls } = await put(relationship, mappings);
    expect(result.status).toBe(400);
    expect(result.body.code).toBe('VALIDATION_FAILED');
    expect(calls).toBe(0);
  });

  it('pull-only relationships may map read-only fields', async () => {
    const { result } = await put('accounts', [
      { crmField: 'name', salesforceField: 'Name', conflict: 'recent' },
      { crmField: 'created', salesforceField: 'CreatedDate', conflict: 'recent' },
    ]);
    expect(result.status).toBe(200);
  });
});

describe('describe cache', () => {
  const org = async (): Promise<Org> => (await world.api.services.orgs.get(orgId))!;
  const settings = { relationship: 'leads', direction: 'settings', priority: 'interactive' } as const;

  it('revalidates a stale describe with If-Modified-Since: Salesforce answers 304', async () => {
    const current = await org();
    // Described "5 s from now": the sandbox org was created less than a second ago, and a change in
    // the second before a describe is (on purpose) not trusted to a 304.
    const start = Date.now() + 5000;
    expect((await describeObject(world.api.services, current, 'Event', settings, start)).calls).toBe(1);
    const later = start + DESCRIBE_FRESH_MS + 1000;
    const { result, calls } = await callsDuring(world, sf, () => describeObject(world.api.services, current, 'Event', settings, later));
    expect(calls).toBe(1);
    expect(result).toMatchObject({ calls: 1, stale: false });
    const last = world.sandbox.control.groundTruth(sf.orgId).calls.at(-1);
    expect(last).toMatchObject({ method: 'GET', status: 304 });
    expect(last!.path).toMatch(/\/sobjects\/Event\/describe$/);
  });

  it('serves the stale copy when the limiter refuses the revalidation', async () => {
    const small = await testOrg(world, { dailyLimit: 2 });
    const smallOrg = (await world.api.services.orgs.get(small.orgId))!;
    await describeObject(world.api.services, smallOrg, 'Lead', settings);
    const { result, calls } = await callsDuring(world, small.sf, () => describeObject(world.api.services, smallOrg, 'Lead', settings, Date.now() + DESCRIBE_FRESH_MS + 1000));
    expect(calls).toBe(0);
    expect(result.stale).toBe(true);
    expect(result.describe.fields.some((f) => f.name === 'LastName')).toBe(true);
  });
});
