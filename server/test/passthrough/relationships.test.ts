/**
 * Each synced relationship's Salesforce objects through the passthrough, with jsforce as the client,
 * as a CRM sync engine that speaks raw REST would use them: reads for pulls, writes for pushes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'jsforce';
import type { RunningSandbox } from '../support/sandbox.ts';
import { useStack } from '../support/stack.ts';
import { connectedOrg, limiterTotal, type RunningApi } from '../support/api.ts';
import { clientFor, sandboxDataCalls } from './support.ts';

describe('the 8 relationships through the passthrough', () => {
  const stack = useStack();
  let sandbox: RunningSandbox;
  let api: RunningApi;
  let orgId: string;
  let sfOrgId: string;
  let client: Connection;

  beforeAll(async () => {
    ({ sandbox, api } = stack);
    const org = await connectedOrg(api, sandbox);
    orgId = org.orgId;
    sfOrgId = org.sf.orgId;
    sandbox.control.addCustomFields(sfOrgId, [
      { object: 'Lead', name: 'Lead_Score__c', type: 'double' },
      { object: 'Contact', name: 'Lead_Score__c', type: 'double' },
      { object: 'Lead', name: 'Favourite_Colour__c', type: 'string', length: 40 },
    ]);
    sandbox.control.seed(sfOrgId, 'Account', [{ Name: 'Pulled Account' }]);
    sandbox.control.seed(sfOrgId, 'Opportunity', [{ Name: 'Pulled Deal', StageName: 'Prospecting', CloseDate: '2026-12-31' }]);
    client = clientFor(api, orgId);
  });

  const since = '2000-01-01T00:00:00Z';

  it('accounts and opportunities (pull): queried by SystemModstamp', async () => {
    const accounts = await client.query<{ Name: string }>(`SELECT Id, Name FROM Account WHERE SystemModstamp > ${since}`);
    expect(accounts.records.map((r) => r.Name)).toContain('Pulled Account');
    const deals = await client.query<{ Name: string }>(`SELECT Id, Name, StageName FROM Opportunity WHERE SystemModstamp > ${since}`);
    expect(deals.records.map((r) => r.Name)).toContain('Pulled Deal');
  });

  it('campaigns, leads and contacts (two-way): written, then read back', async () => {
    const campaign = await client.sobject('Campaign').create({ Name: 'Spring launch', Status: 'Planned' });
    const lead = await client.sobject('Lead').create({ LastName: 'Two-way', Company: 'Acme' });
    const contact = await client.sobject('Contact').create({ LastName: 'Two-way' });
    for (const result of [campaign, lead, contact]) expect(result.success).toBe(true);
    const back = await client.query<{ Id: string }>(`SELECT Id FROM Lead WHERE SystemModstamp > ${since}`);
    expect(back.records.map((r) => r.Id)).toContain(lead.id);
    expect((await client.sobject('Contact').retrieve(contact.id!)).LastName).toBe('Two-way');
    expect((await client.sobject('Campaign').retrieve(campaign.id!)).Name).toBe('Spring launch');
  });

  it('custom fields (two-way) and lead score (push): __c values written and read', async () => {
    const lead = await client.sobject('Lead').create({ LastName: 'Custom', Company: 'Acme', Favourite_Colour__c: 'teal' });
    await client.sobject('Lead').update({ Id: lead.id!, Lead_Score__c: 87 });
    const read = await client.sobject('Lead').retrieve(lead.id!);
    expect(read).toMatchObject({ Favourite_Colour__c: 'teal', Lead_Score__c: 87 });
    const described = await client.sobject('Lead').describe();
    expect(described.fields.filter((f) => f.custom).map((f) => f.name)).toEqual(expect.arrayContaining(['Lead_Score__c', 'Favourite_Colour__c']));
  });

  it('events (push): created against a lead', async () => {
    const lead = await client.sobject('Lead').create({ LastName: 'Met', Company: 'Acme' });
    const event = await client.sobject('Event').create({ Subject: 'Demo call', WhoId: lead.id!, StartDateTime: '2026-12-01T10:00:00.000Z', EndDateTime: '2026-12-01T10:30:00.000Z' });
    expect(event.success).toBe(true);
  });

  it('every request was counted once by us and once by the sandbox', async () => {
    const calls = sandboxDataCalls(sandbox, sfOrgId);
    expect(calls.counted).toBe(await limiterTotal(api, orgId));
  });
});
