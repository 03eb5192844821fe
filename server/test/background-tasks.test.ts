import { describe, expect, it } from 'vitest';
import { createBackgroundTasks, type BackgroundFailure } from '../src/background-tasks.ts';
import { withRequestId } from '../src/request-scope.ts';

describe('background tasks', () => {
  it('drain waits for every task, and failures go to the handler with their task and request id', async () => {
    const failures: BackgroundFailure[] = [];
    const tasks = createBackgroundTasks((f) => failures.push(f));
    let done = 0;
    tasks.run(
      'a',
      new Promise((r) => setTimeout(r, 30)).then(() => done++),
    );
    withRequestId('req-7', () => tasks.run('usage-counters', new Promise((_, reject) => setTimeout(() => reject(new Error('boom')), 5))));
    tasks.run(
      'c',
      new Promise((r) => setTimeout(r, 10)).then(() =>
        tasks.run(
          'd',
          new Promise((r2) => setTimeout(r2, 20)).then(() => done++),
        ),
      ),
    );
    tasks.report('error-log', new Error('lost'));
    await tasks.drain();
    expect(done).toBe(2);
    expect(failures).toMatchObject([{ task: 'error-log' }, { task: 'usage-counters', requestId: 'req-7' }]);
    expect(failures[0]).not.toHaveProperty('requestId');
  });
});
