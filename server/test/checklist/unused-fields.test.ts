/**
 * The unused-fields item through the API: after 20 pushed records a mapped field that was always
 * empty is flagged (not before), filled fields are not; a field sent unchanged in 20 changed records
 * is flagged as never changing; pulls count too, and CRM-owned fields that are never pulled are not
 * judged by pulls.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChecklistItem } from '../../src/checklist/types.ts';
import { checklistOrg, item, leads, pull, push, startWorld, type SyncWorld } from './support.ts';

let world: SyncWorld;

beforeAll(async () => {
  world = await startWorld(inject('redisUrl'));
});
afterAll(() => world.close());

const flagged = (unused: ChecklistItem, relationship: string) =>
  ((unused.details?.['byRelationship'] as Record<string, { crmField: string; reason: string }[]>)[relationship] ?? []).map((f) => `${f.crmField}:${f.reason}`).sort();

describe('unused-fields item', () => {
  it('flags always-empty mapped fields after 20 pushed records, and never-changed ones after 20 changes', async () => {
    const org = await checklistOrg(world);
    const first = await push(world, org, 'leads', { operation: 'create', records: leads(19, 'Empty', (i) => ({ email: `e${i}@x.io` })) });
    expect(await item(world, org, 'unused-fields')).toMatchObject({ status: 'ok', figure: { value: 0, unit: 'fields' } });

    const last = await push(world, org, 'leads', { operation: 'create', records: leads(1, 'Twentieth', () => ({ email: 'last@x.io', title: '' })) });
    const unused = await item(world, org, 'unused-fields');
    expect(unused.status).toBe('attention');
    // Mapped by default and never sent with a value: firstName, phone, title (blank), status, source, city, country.
    expect(flagged(unused, 'leads')).toEqual(['city:always-empty', 'country:always-empty', 'firstName:always-empty', 'phone:always-empty', 'source:always-empty', 'status:always-empty', 'title:always-empty']);
    expect(unused.figure.value).toBe(7);
    expect(unused.estimatedDailySavings).toBe(0);
    expect(unused.details).toMatchObject({ minRecords: 20, updatesCausedOnlyByTheseFields: 0, model: expect.stringContaining('only change') });
    expect(unused.action).toMatch(/Unassigned/);

    // Updates: the email changes in every record, the company is sent unchanged every time.
    const ids = [...first.results, ...last.results].map((r: { id: string }) => r.id);
    await push(world, org, 'leads', { operation: 'update', records: ids.map((id: string, i: number) => ({ id, email: `new${i}@x.io`, company: i < 19 ? 'Empty Co' : 'Twentieth Co' })) });
    const after = await item(world, org, 'unused-fields');
    expect(flagged(after, 'leads')).toContain('company:never-changed');
    expect(flagged(after, 'leads')).not.toContain('email:never-changed');
    expect(flagged(after, 'leads')).not.toContain('lastName:never-changed'); // not part of the updates
    expect(after.figure.value).toBe(8);
    // Every update changed only the email, a used field: nothing the flagged fields alone caused.
    expect(after.estimatedDailySavings).toBe(0);
  });

  it('counts pulled records, and does not judge fields the pull never reads', async () => {
    const org = await checklistOrg(world);
    world.sandbox.control.seed(
      org.sf.orgId,
      'Lead',
      Array.from({ length: 20 }, (_, i) => ({ LastName: `Pulled ${i}`, Company: 'P', City: 'Oslo', Phone: '' })),
    );
    await pull(world, org, 'leads');
    const unused = await item(world, org, 'unused-fields');
    const leadsFlagged = flagged(unused, 'leads');
    expect(leadsFlagged).toContain('title:always-empty');
    expect(leadsFlagged).toContain('email:always-empty');
    expect(leadsFlagged).not.toContain('city:always-empty');
    // Phone is "Always use CRM value": a pull does not read it, so pulls say nothing about it.
    expect(leadsFlagged.some((f) => f.startsWith('phone:'))).toBe(false);
  });
});
