/**
 * The usual test stack, registered as vitest hooks: a sandbox org and one API instance on the test
 * run's Redis, started before the file's tests and stopped after them.
 */
import { afterAll, beforeAll, inject } from 'vitest';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from './sandbox.ts';
import { startApi, type RunningApi } from './api.ts';

export interface Stack {
  sandbox: RunningSandbox;
  api: RunningApi;
}

export interface StackOptions {
  /** The sandbox's options, e.g. a ManualClock. */
  sandbox?: StartSandboxOptions;
  /** The API's, besides the test run's Redis: settings as an operator sets them, test-only service options. */
  api?: Omit<Parameters<typeof startApi>[0], 'redisUrl'>;
}

/** Start the stack for this file; read its parts inside tests (they exist once beforeAll ran). */
export function useStack(options: StackOptions = {}): Stack {
  const stack = {} as Stack;
  beforeAll(async () => {
    stack.sandbox = await startSandbox(options.sandbox);
    stack.api = await startApi({ ...options.api, redisUrl: inject('redisUrl') });
  });
  afterAll(async () => {
    await stack.api?.close();
    await stack.sandbox?.close();
  });
  return stack;
}
