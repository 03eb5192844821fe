/** Webhooks of the service: the endpoints, their delivery log, and the queue that sends notifications to them. */
import { randomBytes } from 'node:crypto';
import type { Notification } from '../notifications/notifications.ts';
import type { DeliveryLog } from './delivery-log.ts';
import type { DeliveryQueue } from './delivery-queue.ts';
import type { WebhookEndpoints } from './webhook-endpoints.ts';
import { webhookBody } from './webhook-payload.ts';

export interface Webhooks {
  endpoints: WebhookEndpoints;
  log: DeliveryLog;
  queue: DeliveryQueue;
  /** Queue one delivery of `notification` to every endpoint of the org subscribed to its kind. */
  dispatch(orgId: string, notification: Notification): Promise<number>;
}

/** Wire the parts. */
export function createWebhooks(endpoints: WebhookEndpoints, log: DeliveryLog, queue: DeliveryQueue): Webhooks {
  return {
    endpoints,
    log,
    queue,
    async dispatch(orgId, notification) {
      const targets = (await endpoints.list(orgId)).filter((e) => (e.events as string[]).includes(notification.kind));
      for (const endpoint of targets) {
        await queue.enqueue({
          orgId,
          endpointId: endpoint.id,
          deliveryId: `dl_${randomBytes(12).toString('base64url')}`,
          notificationId: notification.id,
          event: notification.kind,
          body: webhookBody(endpoint.format, orgId, notification),
        });
      }
      return targets.length;
    },
  };
}
