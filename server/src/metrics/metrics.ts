/**
 * Prometheus metrics: limiter decisions, Salesforce responses and our own HTTP traffic. One registry
 * per app, so several instances in one process (tests) don't share counters.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Decision, Priority } from '../limiter/types.ts';
import type { CallRecorder } from '../usage/call-recorder.ts';

export interface Metrics {
  registry: Registry;
  decision(orgId: string, priority: Priority, decision: Decision): void;
  salesforceResponse(orgId: string, relationship: string, status: number): void;
  httpRequest(method: string, route: string, status: number, seconds: number): void;
  /** Background work (settles, counters, logs, notifications) that failed, by task. */
  backgroundFailure(task: string): void;
}

/** Create the metrics of one app instance. */
export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  const decisions = new Counter({
    name: 'callbudget_limiter_decisions_total',
    help: 'Limiter decisions by org, priority and result (admitted or the denial reason)',
    labelNames: ['org', 'priority', 'result'] as const,
    registers: [registry],
  });
  const salesforce = new Counter({
    name: 'callbudget_salesforce_responses_total',
    help: 'Responses from Salesforce by org, relationship and HTTP status class',
    labelNames: ['org', 'relationship', 'status'] as const,
    registers: [registry],
  });
  const http = new Histogram({
    name: 'callbudget_http_request_duration_seconds',
    help: 'Duration of requests to this API by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const background = new Counter({
    name: 'callbudget_background_failures_total',
    help: 'Background work that failed after its response (limiter settles, usage counters, error log, notifications) by task',
    labelNames: ['task'] as const,
    registers: [registry],
  });
  return {
    registry,
    backgroundFailure(task) {
      background.inc({ task });
    },
    decision(orgId, priority, decision) {
      decisions.inc({ org: orgId, priority, result: decision.allowed ? 'admitted' : (decision.reason ?? 'denied') });
    },
    salesforceResponse(orgId, relationship, status) {
      salesforce.inc({ org: orgId, relationship, status: status === 0 ? 'network' : `${Math.floor(status / 100)}xx` });
    },
    httpRequest(method, route, status, seconds) {
      http.observe({ method, route, status: String(status) }, seconds);
    },
  };
}

/** A call recorder that also counts Salesforce responses in the metrics. */
export function withResponseMetrics(recorder: CallRecorder, metrics: Metrics): CallRecorder {
  return {
    ...recorder,
    recordCall(orgId, call) {
      metrics.salesforceResponse(orgId, call.relationship, call.status);
      return recorder.recordCall(orgId, call);
    },
  };
}
