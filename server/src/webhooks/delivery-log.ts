/** Each endpoint's recent delivery attempts, newest first, for the admin page (GET …/webhooks/{id}/deliveries). */
import { keys } from '../keys.ts';
import type { SharedState } from '../state/shared-state.ts';

export interface DeliveryAttempt {
  deliveryId: string;
  notificationId: string;
  event: string;
  /** 1 for the first try. */
  attempt: number;
  at: string;
  /** `retrying`: this try failed and another follows; `failed`: no further try. */
  outcome: 'delivered' | 'retrying' | 'failed';
  /** The endpoint's HTTP status, when it answered. */
  status?: number;
  /** Why the try failed without an answer (network error code, refused address, timeout). */
  error?: string;
  durationMs: number;
}

const KEEP = 100;
const KEEP_MS = 7 * 86_400_000;

export interface DeliveryLog {
  append(orgId: string, endpointId: string, attempt: DeliveryAttempt): Promise<void>;
  list(orgId: string, endpointId: string, max?: number): Promise<DeliveryAttempt[]>;
}

/** Create the log over shared state. */
export function createDeliveryLog(state: SharedState): DeliveryLog {
  return {
    async append(orgId, endpointId, attempt) {
      await state.pushCapped(keys.webhookDeliveries(orgId, endpointId), JSON.stringify(attempt), KEEP, KEEP_MS);
    },
    async list(orgId, endpointId, max = KEEP) {
      return (await state.readList(keys.webhookDeliveries(orgId, endpointId), max)).map((raw) => JSON.parse(raw) as DeliveryAttempt);
    },
  };
}
