/**
 * One delivery attempt of one notification to one endpoint: the endpoint as stored now (deleted: the
 * delivery ends; its URL re-checked against the policy), signed afresh with the current time (so a
 * retry is not mistaken for a replay), sent, logged, and judged by the retry policy.
 */
import type { DeliveryLog } from './delivery-log.ts';
import type { WebhookEndpoints } from './webhook-endpoints.ts';
import { verdictForStatus, type AttemptVerdict } from './webhook-retry.ts';
import { postWebhook } from './webhook-send.ts';
import { signatureHeader } from './webhook-signature.ts';
import { PrivateAddressError, webhookUrlProblem } from './webhook-url.ts';

/** What a queue carries: everything but the secret, which is read from the endpoint at send time. */
export interface DeliveryJob {
  orgId: string;
  endpointId: string;
  deliveryId: string;
  notificationId: string;
  /** The notification's kind (an alert type). */
  event: string;
  /** The exact bytes to send (the same on every attempt). */
  body: string;
}

export interface DelivererDeps {
  endpoints: WebhookEndpoints;
  log: DeliveryLog;
  /** WEBHOOK_ALLOWED_HOSTS. */
  allowedOrigins: readonly string[];
  timeoutMs: number;
}

export type Deliverer = (job: DeliveryJob, attempt: number, isLast: boolean) => Promise<AttemptVerdict>;

function errorText(error: unknown): string {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  return typeof code === 'string' ? code : typeof name === 'string' ? name : 'ERROR';
}

/** Make the function a queue calls for each attempt. */
export function createDeliverer(deps: DelivererDeps): Deliverer {
  return async (job, attempt, isLast) => {
    const endpoint = await deps.endpoints.get(job.orgId, job.endpointId);
    if (!endpoint) return 'final';
    const started = Date.now();
    const entry = { deliveryId: job.deliveryId, notificationId: job.notificationId, event: job.event, attempt, at: new Date(started).toISOString() };
    const refused = webhookUrlProblem(endpoint.url, deps.allowedOrigins);
    if (refused) {
      await deps.log.append(job.orgId, job.endpointId, { ...entry, outcome: 'failed', error: `URL_REFUSED: ${refused}`, durationMs: 0 });
      return 'final';
    }
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'callbudget-webhooks/1',
      'callbudget-event': job.event,
      'callbudget-delivery': job.deliveryId,
      'callbudget-attempt': String(attempt),
      'callbudget-signature': signatureHeader(deps.endpoints.secretOf(endpoint), Math.floor(started / 1000), job.body),
    };
    let verdict: AttemptVerdict;
    let result: { status: number } | { error: string };
    try {
      const status = await postWebhook({ url: endpoint.url, headers, body: job.body }, { timeoutMs: deps.timeoutMs, allowedOrigins: deps.allowedOrigins });
      verdict = verdictForStatus(status);
      result = { status };
    } catch (error) {
      verdict = error instanceof PrivateAddressError ? 'final' : 'retry';
      result = { error: errorText(error) };
    }
    const outcome = verdict === 'delivered' ? 'delivered' : verdict === 'retry' && !isLast ? 'retrying' : 'failed';
    await deps.log.append(job.orgId, job.endpointId, { ...entry, outcome, ...result, durationMs: Date.now() - started });
    return verdict;
  };
}
