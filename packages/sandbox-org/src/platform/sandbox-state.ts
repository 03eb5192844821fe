/** Everything one sandbox keeps in memory, shared by its OAuth, data-scope and control parts. */
import type { Clock, CreateOrgData } from '../types.ts';
import { CallLog } from './ground-truth.ts';
import { OrgRegistry } from './orgs.ts';
import { SessionStore } from './sessions.ts';
import { Timers } from './timers.ts';

/** The state of one sandbox. */
export interface SandboxState {
  readonly clock: Clock;
  readonly sessions: SessionStore;
  readonly orgs: OrgRegistry;
  /** Requests under /services/ that could not be tied to an org (bad token, unknown client, versions list). */
  readonly unattributed: CallLog;
  readonly timers: Timers;
}

/** Create the empty state of a sandbox. */
export function createSandboxState(options: { clock: Clock; createOrgData: CreateOrgData }): SandboxState {
  const sessions = new SessionStore();
  return {
    clock: options.clock,
    sessions,
    orgs: new OrgRegistry(options.clock, options.createOrgData, sessions),
    unattributed: new CallLog(),
    timers: new Timers(),
  };
}
