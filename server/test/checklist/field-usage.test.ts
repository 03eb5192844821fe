/**
 * Field usage tracking over both shared states (Redis and in process): filled and changed counts,
 * changes judged only in records that changed somewhere, phone back-and-forth within 24 hours and
 * not after, value hashes kept 24 hours and never the values themselves.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { foldFieldStats, bounces } from '../../src/checklist/field-stats.ts';
import { keys } from '../../src/keys.ts';
import { createMemoryState } from '../../src/state/memory-state.ts';
import { createRedisState } from '../../src/state/redis-state.ts';
import type { SharedState } from '../../src/state/shared-state.ts';
import { createFieldUsage, valueHash, VALUES_TTL_MS, type TrackedBatch } from '../../src/usage/field-usage.ts';

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 10, 9, 30);
const ID = '00Q000000000001AAA';

describe.each([
  ['redis', () => createRedisState(redis)],
  ['memory', () => createMemoryState()],
] as const)('field usage over %s', (_name, makeState) => {
  const setup = () => {
    const state: SharedState = makeState();
    const failures: unknown[] = [];
    const usage = createFieldUsage(state, (e) => failures.push(e));
    const orgId = `fu-${randomUUID().slice(0, 8)}`;
    const track = (batch: Omit<TrackedBatch, 'relationship'> & { relationship?: string }) => usage.track(orgId, { relationship: 'leads', ...batch });
    const stats = async (at = T0) => foldFieldStats(await usage.lastHours(orgId, at)).get('leads');
    return { state, usage, orgId, track, stats, failures };
  };

  it('counts filled values, and changes only in records that changed somewhere', async () => {
    const { track, stats, failures } = setup();
    await track({ direction: 'push', at: T0, records: [{ id: ID, values: { email: 'a@x.io', title: '  ', city: 'Oslo' } }, { values: { email: null, title: 'CEO', city: 'Oslo' } }] });
    expect(Object.fromEntries((await stats()) ?? [])).toEqual({
      email: { seen: 2, filled: 1, compared: 0, changed: 0, solo: 0 },
      title: { seen: 2, filled: 1, compared: 0, changed: 0, solo: 0 },
      city: { seen: 2, filled: 2, compared: 0, changed: 0, solo: 0 },
    });
    // The same values again: nothing changed, so nothing is judged.
    await track({ direction: 'pull', at: T0 + 1, records: [{ id: ID, values: { email: 'a@x.io', title: null, city: 'Oslo' } }] });
    expect((await stats())!.get('city')).toMatchObject({ seen: 3, compared: 0, changed: 0 });
    // The email changes: every known field of the record is compared, only the email changed, alone.
    await track({ direction: 'push', at: T0 + 2, records: [{ id: ID, values: { email: 'b@x.io', city: 'Oslo' } }] });
    expect((await stats())!.get('email')).toMatchObject({ compared: 1, changed: 1, solo: 1 });
    expect((await stats())!.get('city')).toMatchObject({ compared: 1, changed: 0, solo: 0 });
    // A pull that changes two fields: changes, but no solo (and a pull never spends a call per record).
    await track({ direction: 'pull', at: T0 + 3, records: [{ id: ID, values: { email: 'c@x.io', city: 'Bergen' } }] });
    expect((await stats())!.get('email')).toMatchObject({ compared: 2, changed: 2, solo: 1 });
    expect(failures).toEqual([]);
  });

  it('counts a phone change by one side within 24 h after the other side changed it', async () => {
    const { track, usage, orgId } = setup();
    const phone = (direction: 'push' | 'pull', at: number, value: string) => track({ direction, at, phoneField: 'phone', records: [{ id: ID, values: { phone: value } }] });
    const total = async () => bounces(await usage.lastHours(orgId, T0 + 30 * HOUR, 48), 'leads');
    await phone('push', T0, '1'); // first sight: no change
    await phone('pull', T0 + HOUR, '2'); // Salesforce changed it
    await phone('pull', T0 + 2 * HOUR, '2'); // read again: no change
    expect(await total()).toBe(0);
    await phone('push', T0 + 3 * HOUR, '3'); // the CRM changes it back: bounce 1
    await phone('push', T0 + 4 * HOUR, '4'); // the CRM again: same side, no bounce
    await phone('pull', T0 + 5 * HOUR, '5'); // Salesforce within a day: bounce 2
    expect(await total()).toBe(2);
  });

  it('a change more than 24 h after the other side’s is no bounce', async () => {
    const { track, usage, orgId, state } = setup();
    await track({ direction: 'push', at: T0, phoneField: 'phone', records: [{ id: ID, values: { phone: '1' } }] });
    await track({ direction: 'pull', at: T0 + HOUR, phoneField: 'phone', records: [{ id: ID, values: { phone: '2' } }] });
    // Keep the record's hashes past their usual expiry, to test the window and not the TTL.
    const key = keys.fieldValues(orgId, 'leads', ID);
    await state.setJson(key, await state.getJson(key), 10 * VALUES_TTL_MS);
    await track({ direction: 'push', at: T0 + HOUR + VALUES_TTL_MS + 1, phoneField: 'phone', records: [{ id: ID, values: { phone: '3' } }] });
    expect(bounces(await usage.lastHours(orgId, T0 + 30 * HOUR, 48), 'leads')).toBe(0);
    expect((await state.getJson<{ p: { d: string } }>(key))?.p.d).toBe('push');
  });

  it('keeps hashes, never values, for 24 hours; empty values hash alike', async () => {
    const { track, orgId, state } = setup();
    await track({ direction: 'push', at: T0, records: [{ id: ID, values: { email: 'secret@x.io', title: '' } }] });
    const stored = await state.getJson<{ h: Record<string, string> }>(keys.fieldValues(orgId, 'leads', ID));
    expect(stored).toEqual({ h: { email: valueHash('secret@x.io'), title: valueHash(null) } });
    expect(JSON.stringify(stored)).not.toContain('secret');
    expect(valueHash('')).toBe(valueHash(undefined));
    expect(valueHash(0)).not.toBe(valueHash(null));
    expect(valueHash(false)).not.toBe(valueHash(null));
    if (_name === 'redis') {
      const ttl = await redis.pttl(keys.fieldValues(orgId, 'leads', ID));
      expect(ttl).toBeGreaterThan(VALUES_TTL_MS - 60_000);
      expect(ttl).toBeLessThanOrEqual(VALUES_TTL_MS);
    }
  });
});

describe('field usage when the store is down', () => {
  it('reports a store that is down instead of throwing into the sync', async () => {
    const failures: unknown[] = [];
    // Nothing listens on port 1, and nothing is queued: every command fails at once.
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    await expect(createFieldUsage(createRedisState(down), (e) => failures.push(e)).track('o', { relationship: 'leads', direction: 'push', at: T0, records: [{ id: ID, values: { a: 1 } }] })).resolves.toBeUndefined();
    expect(failures).toHaveLength(1);
    down.disconnect();
  });
});
