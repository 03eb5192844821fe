import { describe, expect, it } from 'vitest';
import { createBackgroundTasks } from '../src/background-tasks.ts';

describe('background tasks', () => {
  it('drain waits for every task, and failures go to the handler', async () => {
    const errors: unknown[] = [];
    const tasks = createBackgroundTasks((e) => errors.push(e));
    let done = 0;
    tasks.run(new Promise((r) => setTimeout(r, 30)).then(() => done++));
    tasks.run(Promise.reject(new Error('boom')));
    tasks.run(new Promise((r) => setTimeout(r, 10)).then(() => tasks.run(new Promise((r2) => setTimeout(r2, 20)).then(() => done++))));
    await tasks.drain();
    expect(done).toBe(2);
    expect(errors).toHaveLength(1);
  });
});
