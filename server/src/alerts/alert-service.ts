/**
 * Raising an alert: unless its type is quiet for the org (quiet-guard.ts), it becomes an in-app
 * notification and a delivery to each webhook endpoint subscribed to it. Nothing here runs on the
 * way of a call: the gate hands alerts to background work.
 */
import type { Notifications } from '../notifications/notifications.ts';
import type { Webhooks } from '../webhooks/webhooks.ts';
import type { Alert, AlertSettings } from './alert-types.ts';
import type { QuietGuard } from './quiet-guard.ts';

export interface Alerts {
  /** Record and send `alert` unless its type is quiet; true when it was sent. */
  raise(orgId: string, alert: Alert, settings: AlertSettings): Promise<boolean>;
}

/** Create the alert service. */
export function createAlerts(deps: { guard: QuietGuard; notifications: Notifications; webhooks: Webhooks }): Alerts {
  return {
    async raise(orgId, alert, settings) {
      const quietMs = settings.quietMinutes[alert.type] * 60_000;
      if (!(await deps.guard.claim(orgId, alert.type, alert.at, quietMs))) return false;
      const notification = await deps.notifications.record(orgId, alert);
      await deps.webhooks.dispatch(orgId, notification);
      return true;
    },
  };
}
