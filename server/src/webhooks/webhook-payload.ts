/** The body a webhook endpoint receives for one notification: our JSON, or a Slack-compatible `{"text": …}`. */
import type { Notification } from '../notifications/notifications.ts';
import type { WebhookFormat } from './webhook-endpoints.ts';

/** The JSON event: stable fields, the notification as the in-app list shows it. */
export function webhookBody(format: WebhookFormat, orgId: string, notification: Notification): string {
  if (format === 'slack') {
    const resumes = notification.resumesAt ? ` (expected to resume ${notification.resumesAt})` : '';
    return JSON.stringify({ text: `callbudget · org ${orgId} · ${notification.kind}: ${notification.message}${resumes}` });
  }
  const { read: _read, ...event } = notification;
  return JSON.stringify({ type: notification.kind, orgId, notification: event });
}
