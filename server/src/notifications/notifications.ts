/**
 * Notifications for the CRM's Salesforce settings page: every alert that was sent (alerts/), newest
 * first, with read state. Quiet intervals are the alert service's: what reaches here is recorded.
 */
import { randomUUID } from 'node:crypto';
import { keys } from '../keys.ts';
import type { SharedState } from '../state/shared-state.ts';
import type { ApiSchema } from '../http/api-types.ts';
import type { Alert } from '../alerts/alert-types.ts';

/** The kinds openapi.yaml declares: the alert types. */
export type NotificationKind = ApiSchema<'Notification'>['kind'];

export interface Notification {
  id: string;
  kind: NotificationKind;
  /** e.g. BUDGET_80_PERCENT, SYNC_SHARE_REACHED, ORG_RESERVE_REACHED, ORG_LIMIT_REACHED */
  code: string;
  message: string;
  createdAt: string;
  /** When calls are expected to flow again (ISO), if known. */
  resumesAt?: string;
  details?: Record<string, string | number | boolean>;
  read: boolean;
}

type Stored = Omit<Notification, 'read'>;

/** Notifications written before alerts had kind `limit-reached`; read as the alert type their code names. */
const LEGACY_KIND: Record<string, NotificationKind> = { BUDGET_EXHAUSTED: 'budget-exhausted', ORG_RESERVE_REACHED: 'org-reserve-reached', ORG_LIMIT_REACHED: 'org-limit-refused' };

function upgraded(n: Stored): Stored {
  return (n.kind as string) === 'limit-reached' ? { ...n, kind: LEGACY_KIND[n.code] ?? 'budget-exhausted' } : n;
}

const KEEP = 100;

export interface Notifications {
  /** Record an alert that is being sent; returns the notification. */
  record(orgId: string, alert: Alert): Promise<Notification>;
  list(orgId: string, max?: number): Promise<Notification[]>;
  /** Mark one notification read; false when the org has no such notification (any more). */
  markRead(orgId: string, id: string): Promise<boolean>;
}

/** Create the notification log over shared state. */
export function createNotifications(state: SharedState): Notifications {
  const stored = async (orgId: string, max: number): Promise<Stored[]> => (await state.readList(keys.notifications(orgId), max)).map((raw) => upgraded(JSON.parse(raw) as Stored));
  return {
    async record(orgId, alert) {
      const full: Stored = {
        id: randomUUID(),
        kind: alert.type,
        code: alert.code,
        message: alert.message,
        createdAt: new Date(alert.at).toISOString(),
        ...(alert.resumesAt !== undefined ? { resumesAt: new Date(alert.resumesAt).toISOString() } : {}),
        ...(alert.details ? { details: alert.details } : {}),
      };
      await state.pushCapped(keys.notifications(orgId), JSON.stringify(full), KEEP);
      return { ...full, read: false };
    },
    async list(orgId, max = KEEP) {
      const [items, read] = await Promise.all([stored(orgId, max), state.members(keys.notificationsRead(orgId))]);
      const readIds = new Set(read);
      return items.map((n) => ({ ...n, read: readIds.has(n.id) }));
    },
    async markRead(orgId, id) {
      const items = await stored(orgId, KEEP);
      if (!items.some((n) => n.id === id)) return false;
      await state.addToSet(keys.notificationsRead(orgId), id);
      // Forget read marks of notifications that left the capped log, so the set stays as small as the log.
      const kept = new Set(items.map((n) => n.id));
      for (const gone of (await state.members(keys.notificationsRead(orgId))).filter((member) => !kept.has(member))) {
        await state.removeFromSet(keys.notificationsRead(orgId), gone);
      }
      return true;
    },
  };
}
