/**
 * Notifications for the CRM's Salesforce settings page, e.g. "daily API limit reached" (the seed's
 * behaviour), recorded once per episode rather than once per refused call.
 */
import { randomUUID } from 'node:crypto';
import { keys } from '../keys.ts';
import type { SharedState } from '../state/shared-state.ts';
import type { ApiSchema } from '../http/api-types.ts';

/** The kinds openapi.yaml declares (today only `limit-reached` is sent). */
export type NotificationKind = ApiSchema<'Notification'>['kind'];

export interface Notification {
  id: string;
  kind: NotificationKind;
  /** e.g. BUDGET_EXHAUSTED, ORG_RESERVE_REACHED, ORG_LIMIT_REACHED */
  code: string;
  message: string;
  createdAt: string;
  /** When calls are expected to flow again (ISO), if known. */
  resumesAt?: string;
}

const KEEP = 100;

export interface Notifications {
  /** Record unless one of the same kind and code was recorded within `dedupeMs`. */
  notify(orgId: string, n: Omit<Notification, 'id' | 'createdAt'>, at: number, dedupeMs: number): Promise<boolean>;
  list(orgId: string, max?: number): Promise<Notification[]>;
}

/** Create the notification log over shared state. */
export function createNotifications(state: SharedState): Notifications {
  return {
    async notify(orgId, n, at, dedupeMs) {
      const fresh = await state.setIfAbsent(keys.notificationGuard(orgId, `${n.kind}:${n.code}`), '1', Math.max(1000, dedupeMs));
      if (!fresh) return false;
      const full: Notification = { id: randomUUID(), createdAt: new Date(at).toISOString(), ...n };
      await state.pushCapped(keys.notifications(orgId), JSON.stringify(full), KEEP);
      return true;
    },
    async list(orgId, max = KEEP) {
      return (await state.readList(keys.notifications(orgId), max)).map((raw) => JSON.parse(raw) as Notification);
    },
  };
}
