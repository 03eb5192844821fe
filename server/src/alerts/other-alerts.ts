/** Alerts that are not limiter crossings: the work resuming after refusals, and credentials Salesforce refuses. */
import type { Priority } from '../limiter/types.ts';
import type { Alert } from './alert-types.ts';

/** The first call of `priority` admitted after an episode of refusals that began at `since`. */
export function syncResumed(priority: Priority, since: number, at: number): Alert {
  const paused = Math.max(0, Math.round((at - since) / 60_000));
  return {
    type: 'sync-resumed',
    code: `${priority.toUpperCase()}_RESUMED`,
    message: `${priority[0]!.toUpperCase()}${priority.slice(1)} calls flow again after ${paused} minute${paused === 1 ? '' : 's'} of refusals.`,
    at,
    details: { priority, pausedSince: new Date(since).toISOString(), pausedMinutes: paused },
  };
}

/** Salesforce refused the org's stored credentials; `reason` is its OAuth error or what was refused. */
export function credentialsFailing(reason: string, at: number): Alert {
  return {
    type: 'credentials-failing',
    code: 'CREDENTIALS_REFUSED',
    message: `Salesforce refused the org's stored credentials (${reason}); calls fail until they are updated (PATCH /v1/orgs/{orgId} with salesforce credentials).`,
    at,
    details: { reason },
  };
}
