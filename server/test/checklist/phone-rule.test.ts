/**
 * The phone-conflict-rule item through the API: with Phone on "most recent" for leads, a phone the
 * CRM pushed, changed in Salesforce, pulled, then pushed again is one back-and-forth; the reverse
 * (pushed, then changed in Salesforce and pulled) is another; a pull that only reads back what we
 * pushed is none. Back on "Always use CRM value" the item is ok.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FieldMapping } from '../../src/sync/default-mappings.ts';
import { call, checklistOrg, direct, item, pull, push, startWorld, type SyncWorld, type TestOrg } from './support.ts';

let world: SyncWorld;
let org: TestOrg;

beforeAll(async () => {
  world = await startWorld(inject('redisUrl'));
  org = await checklistOrg(world);
});
afterAll(() => world.close());

async function setPhoneRule(conflict: FieldMapping['conflict']): Promise<void> {
  const page = await call(world, 'GET', `/v1/orgs/${org.orgId}/mappings/leads`);
  const mappings = (page.body.mappings as FieldMapping[]).map((m) => (m.crmField === 'phone' ? { ...m, conflict } : m));
  const saved = await call(world, 'PUT', `/v1/orgs/${org.orgId}/mappings/leads`, { mappings });
  expect(saved.status).toBe(200);
}

const phoneOf = (records: { id: string; phone?: unknown }[], id: string) => records.find((r) => r.id === id)?.phone;

describe('phone-conflict-rule item', () => {
  let id: string;

  it('is ok with the default rule ("Always use CRM value")', async () => {
    expect(await item(world, org, 'phone-conflict-rule')).toMatchObject({ status: 'ok', figure: { value: 0, unit: 'calls' }, estimatedDailySavings: 0 });
  });

  it('needs attention as soon as Phone is on "most recent", before anything bounced', async () => {
    await setPhoneRule('recent');
    const phone = await item(world, org, 'phone-conflict-rule');
    expect(phone).toMatchObject({ status: 'attention', figure: { value: 0 }, estimatedDailySavings: 0 });
    expect(phone.action).toMatch(/Leads mapping page.*Always use CRM value/);
  });

  it('counts a push that changes a phone Salesforce changed and we pulled', async () => {
    id = (await push(world, org, 'leads', { operation: 'create', records: [{ lastName: 'Bell', company: 'Phones', phone: '555-0100' }] })).results[0].id;
    await direct(org.sf).sobject('Lead').update({ Id: id, Phone: '(555) 0200' });
    expect(phoneOf((await pull(world, org, 'leads')).records, id)).toBe('(555) 0200');
    expect((await item(world, org, 'phone-conflict-rule')).figure.value).toBe(0); // one change so far, no bounce yet
    await push(world, org, 'leads', { operation: 'update', records: [{ id, phone: '+1 555 0200' }] });
    const phone = await item(world, org, 'phone-conflict-rule');
    expect(phone).toMatchObject({ status: 'attention', figure: { value: 1 }, estimatedDailySavings: 1 });
    expect(phone.details?.['relationships']).toEqual([
      { relationship: 'leads', crmField: 'phone', conflict: 'recent', backAndForth: 1 },
      { relationship: 'contacts', crmField: 'phone', conflict: 'crm', backAndForth: 0 },
    ]);
  });

  it('a pull that reads back what we pushed is no change; Salesforce changing it back is another bounce', async () => {
    expect(phoneOf((await pull(world, org, 'leads')).records, id)).toBe('+1 555 0200');
    expect((await item(world, org, 'phone-conflict-rule')).figure.value).toBe(1);
    await direct(org.sf).sobject('Lead').update({ Id: id, Phone: '(555) 0200' });
    await pull(world, org, 'leads');
    expect((await item(world, org, 'phone-conflict-rule')).figure.value).toBe(2);
  });

  it('other fields changing back and forth are not phone bounces', async () => {
    await push(world, org, 'leads', { operation: 'update', records: [{ id, title: 'CEO' }] });
    await direct(org.sf).sobject('Lead').update({ Id: id, Title: 'Chief' });
    await pull(world, org, 'leads');
    await push(world, org, 'leads', { operation: 'update', records: [{ id, title: 'CEO' }] });
    expect((await item(world, org, 'phone-conflict-rule')).figure.value).toBe(2);
  });

  it('the CRM changing the phone twice after Salesforce did is one bounce, not two', async () => {
    await push(world, org, 'leads', { operation: 'update', records: [{ id, phone: '+1 555 0300' }] });
    await push(world, org, 'leads', { operation: 'update', records: [{ id, phone: '+1 555 0400' }] });
    expect(await item(world, org, 'phone-conflict-rule')).toMatchObject({ figure: { value: 3 }, estimatedDailySavings: 3 });
  });

  it('back on "Always use CRM value": ok, nothing left to save, the measured bounces still shown', async () => {
    await setPhoneRule('crm');
    expect(await item(world, org, 'phone-conflict-rule')).toMatchObject({ status: 'ok', figure: { value: 3 }, estimatedDailySavings: 0 });
  });
});
