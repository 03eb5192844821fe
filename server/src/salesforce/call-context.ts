/**
 * What a Salesforce call is for, carried through jsforce to the transport that admits and counts it,
 * without threading it through every jsforce method.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Priority } from '../limiter/types.ts';

export type CallDirection = 'push' | 'pull' | 'passthrough' | 'settings';

export interface CallContext {
  /** e.g. `leads`, or `passthrough` for raw REST calls. */
  relationship: string;
  direction: CallDirection;
  priority: Priority;
}

const storage = new AsyncLocalStorage<CallContext>();

/** Run `work` with every Salesforce call it makes attributed to `context`. */
export function withCallContext<T>(context: CallContext, work: () => Promise<T>): Promise<T> {
  return storage.run(context, work);
}

/** The context of the call being sent; calls made outside any context count as settings traffic. */
export function currentCallContext(): CallContext {
  return storage.getStore() ?? { relationship: 'settings', direction: 'settings', priority: 'interactive' };
}
