/** Builds the webhook parts for the services: BullMQ on the service's Redis, or the in-process queue without one. */
import type { Config } from '../config.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { SharedState } from '../state/shared-state.ts';
import { createBullmqDeliveryQueue } from './bullmq-queue.ts';
import { createDeliveryLog } from './delivery-log.ts';
import { createMemoryDeliveryQueue } from './delivery-queue.ts';
import { createDeliverer } from './webhook-deliverer.ts';
import { createWebhookEndpoints } from './webhook-endpoints.ts';
import { DEFAULT_WEBHOOK_RETRY, type WebhookRetryPolicy } from './webhook-retry.ts';
import { createWebhooks, type Webhooks } from './webhooks.ts';

export interface WebhookServiceOptions {
  config: Config;
  state: SharedState;
  secretBox: SecretBox;
  retry?: Partial<WebhookRetryPolicy>;
  queuePrefix?: string;
  onError: (error: unknown) => void;
}

/** Create the webhooks of this instance (its queue's worker starts at once). */
export function createWebhookService(options: WebhookServiceOptions): Webhooks {
  const endpoints = createWebhookEndpoints(options.state, options.secretBox);
  const log = createDeliveryLog(options.state);
  const policy = { ...DEFAULT_WEBHOOK_RETRY, ...options.retry };
  const deliver = createDeliverer({ endpoints, log, allowedOrigins: options.config.webhookAllowedOrigins, timeoutMs: options.config.webhookTimeoutMs });
  const queue = options.config.redisUrl
    ? createBullmqDeliveryQueue(deliver, { redisUrl: options.config.redisUrl, policy, onError: options.onError, ...(options.queuePrefix ? { prefix: options.queuePrefix } : {}) })
    : createMemoryDeliveryQueue(deliver, policy, options.onError);
  return createWebhooks(endpoints, log, queue);
}
