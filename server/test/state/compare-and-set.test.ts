/**
 * The shared-state writes org settings rely on, with the same semantics in process and on Redis:
 * create only when absent, compare-and-set on named fields (swap-json-1.lua), and pub/sub.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createMemoryState } from '../../src/state/memory-state.ts';
import { createRedisState } from '../../src/state/redis-state.ts';
import type { SharedState } from '../../src/state/shared-state.ts';

const opened: SharedState[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

const makers: Record<string, () => SharedState> = {
  memory: () => createMemoryState(),
  redis: () => createRedisState(new Redis(inject('redisUrl')), true),
};

describe.each(Object.keys(makers))('%s state', (name) => {
  const state = makers[name]!();
  opened.push(state);
  const key = () => `cb:test:{cas:${randomUUID()}}:doc`;

  it('creates a document once', async () => {
    const k = key();
    expect(await state.createJson(k, { v: 1 })).toBe(true);
    expect(await state.createJson(k, { v: 2 })).toBe(false);
    expect(await state.getJson(k)).toEqual({ v: 1 });
  });

  it('swaps only while every expected field holds, and deletes the same way', async () => {
    const k = key();
    expect(await state.swapJson(k, { revision: 1 }, { revision: 2 })).toBe('missing');
    await state.createJson(k, { incarnation: 'a', revision: 1, nested: { x: [1] } });
    expect(await state.swapJson(k, { incarnation: 'a', revision: 2 }, { incarnation: 'a', revision: 3 })).toBe('conflict');
    expect(await state.swapJson(k, { incarnation: 'b', revision: 1 }, { incarnation: 'b', revision: 2 })).toBe('conflict');
    expect(await state.getJson(k)).toEqual({ incarnation: 'a', revision: 1, nested: { x: [1] } });
    expect(await state.swapJson(k, { incarnation: 'a', revision: 1 }, { incarnation: 'a', revision: 2 })).toBe('swapped');
    expect(await state.getJson(k)).toEqual({ incarnation: 'a', revision: 2 });
    expect(await state.swapJson(k, { incarnation: 'b' }, undefined)).toBe('conflict');
    expect(await state.swapJson(k, { incarnation: 'a' }, undefined)).toBe('swapped');
    expect(await state.getJson(k)).toBeUndefined();
  });

  it('lets exactly one of many concurrent writers of one version win', async () => {
    const k = key();
    await state.createJson(k, { revision: 7 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => state.swapJson(k, { revision: 7 }, { revision: 8, by: i })));
    expect(results.filter((r) => r === 'swapped')).toHaveLength(1);
    expect(results.filter((r) => r === 'conflict')).toHaveLength(19);
  });

  it('delivers a published message to every subscriber', async () => {
    const channel = `cb:test:channel:${randomUUID()}`;
    const heard: string[] = [];
    const arrived = new Promise<void>((resolve) =>
      state.subscribe(channel, (m) => {
        heard.push(m);
        resolve();
      }),
    );
    // Redis: the subscription is on its own connection; give it a moment to be registered.
    for (let i = 0; i < 50 && heard.length === 0; i++) {
      await state.publish(channel, 'hello');
      await Promise.race([arrived, new Promise((r) => setTimeout(r, 20))]);
    }
    expect(heard[0]).toBe('hello');
  });
});
