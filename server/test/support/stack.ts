/**
 * The usual test stack, registered as vitest hooks: a sandbox org and one API instance on the test
 * run's Redis, started before the file's tests and stopped after them.
 */
import { afterAll, beforeAll, inject } from 'vitest';
import { startSandbox, type RunningSandbox } from '../support/sandbox.ts';
import { startApi, type RunningApi } from './api.ts';

export interface Stack {
  sandbox: RunningSandbox;
  api: RunningApi;
}

/** Start the stack for this file; read its parts inside tests (they exist once beforeAll ran). */
export function useStack(): Stack {
  const stack = {} as Stack;
  beforeAll(async () => {
    stack.sandbox = await startSandbox();
    stack.api = await startApi({ redisUrl: inject('redisUrl') });
  });
  afterAll(async () => {
    await stack.api?.close();
    await stack.sandbox?.close();
  });
  return stack;
}
