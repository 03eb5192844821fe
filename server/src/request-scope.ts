/**
 * The id of the request being served, carried through async work, so background work it starts
 * can be logged with it after the response is gone.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<string>();

/** Run `next` (the rest of the request's hooks and its handler) with `requestId` as the current request. */
export function withRequestId<T>(requestId: string, next: () => T): T {
  return storage.run(requestId, next);
}

/** The id of the request whose work is running, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore();
}
