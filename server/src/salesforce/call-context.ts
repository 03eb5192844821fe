/** What a Salesforce call is for: the limiter admits it at `priority`, usage is recorded under it. */
import type { Priority } from '../limiter/types.ts';

export type CallDirection = 'push' | 'pull' | 'passthrough' | 'settings';

/** Passed with every request to the org's SalesforceClient (client.ts). */
export interface CallContext {
  /** e.g. `leads`, or `passthrough` for raw REST calls. */
  relationship: string;
  direction: CallDirection;
  priority: Priority;
}

/** Settings traffic: credential checks, made while an admin waits. */
export const SETTINGS_CONTEXT: CallContext = { relationship: 'settings', direction: 'settings', priority: 'interactive' };
