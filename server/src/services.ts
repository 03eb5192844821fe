/** Builds every service the routes use, over Redis (REDIS_URL) or this process (embedded mode). */
import { Redis } from 'ioredis';
import type { Config } from './config.ts';
import { createSecretBox, ephemeralKeyring, parseKeyring, type SecretBox } from './crypto/secret-box.ts';
import { createLimiter, type Limiter } from './limiter/limiter.ts';
import { createMemoryStore } from './limiter/memory-store.ts';
import { createRedisStore } from './limiter/redis-store.ts';
import type { StoreTiming } from './limiter/types.ts';
import { createNotifications, type Notifications } from './notifications/notifications.ts';
import { createOrgRepository, type OrgRepository } from './orgs/org-repository.ts';
import { createConnectionPool, type ConnectionPool } from './salesforce/connection-pool.ts';
import { DEFAULT_RETRY, type RetryPolicy } from './salesforce/retry-policy.ts';
import { createOrgGate } from './salesforce/org-gate.ts';
import { createMemoryState } from './state/memory-state.ts';
import { createRedisState } from './state/redis-state.ts';
import type { SharedState } from './state/shared-state.ts';
import { createCallRecorder, type CallRecorder } from './usage/call-recorder.ts';
import { createErrorLog, type ErrorLog } from './usage/error-log.ts';
import { createBackgroundTasks } from './background-tasks.ts';
import { createMetrics, withResponseMetrics, type Metrics } from './metrics/metrics.ts';
import { createFieldUsage, type FieldUsage } from './usage/field-usage.ts';
import { DEFAULT_POLICY } from './limiter/limiter.ts';
import { createApiKeys, type ApiKeys } from './access/api-keys.ts';
import { createAuthFailures, DEFAULT_AUTH_FAILURES, type AuthFailurePolicy, type AuthFailures } from './access/auth-failures.ts';
import { createAuditLog, type AuditLog } from './audit/audit-log.ts';
import { createAlerts, type Alerts } from './alerts/alert-service.ts';
import { alertSettingsOf } from './alerts/alert-types.ts';
import { createEpisodes } from './alerts/episodes.ts';
import { createQuietGuard } from './alerts/quiet-guard.ts';
import { createWebhookService } from './webhooks/webhook-service.ts';
import type { Webhooks } from './webhooks/webhooks.ts';
import type { WebhookRetryPolicy } from './webhooks/webhook-retry.ts';
import { createJobs, type Jobs } from './jobs/jobs.ts';
import { createJobQueues, type JobQueueOptions } from './jobs/job-queues.ts';
import { pushJobProcessor } from './jobs/push-job-processor.ts';
import { wakeOnPinnedClock } from './jobs/pinned-clock-waker.ts';

export interface Services {
  config: Config;
  state: SharedState;
  limiter: Limiter;
  orgs: OrgRepository;
  recorder: CallRecorder;
  notifications: Notifications;
  alerts: Alerts;
  webhooks: Webhooks;
  errorLog: ErrorLog;
  /** Which mapped fields carry values and change, per relationship (checklist). */
  fieldUsage: FieldUsage;
  pool: ConnectionPool;
  secretBox: SecretBox;
  apiKeys: ApiKeys;
  audit: AuditLog;
  authFailures: AuthFailures;
  metrics: Metrics;
  /** Deferred pushes (BullMQ); undefined without Redis (embedded mode). */
  jobs: Jobs | undefined;
  /** Log background failures (with the request id) to the app's logger; buildApp attaches its own. */
  attachLogger(logger: ErrorLogger): void;
  ready(): Promise<boolean>;
  /** Resolves once the background work started so far (settles, counters, logs) is done. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** The part of a logger (Fastify's) background failures are written to. */
export interface ErrorLogger {
  error(details: object, message: string): void;
}

export interface ServiceOptions {
  /** Tests: pin the limiter's clock, shorten the probe. */
  limiterTiming?: StoreTiming;
  /** Tests: faster retries (the timeout comes from SALESFORCE_TIMEOUT_MS unless set here). */
  retry?: Partial<RetryPolicy>;
  /** How long an org's settings are cached in process. @default 1000 */
  orgCacheMs?: number;
  /** Also hears every background failure (besides the log and the metric). */
  onBackgroundError?: (error: unknown) => void;
  /** Process metrics (CPU, memory, event loop) in /metrics: on in main, off in tests. */
  defaultMetrics?: boolean;
  /** Failed-key limit; overrides AUTH_FAILURE_LIMIT / AUTH_FAILURE_WINDOW_MS. */
  authFailures?: AuthFailurePolicy;
  /** Tests: faster webhook retries, and a queue key prefix of their own on the shared test Redis. */
  webhooks?: { retry?: Partial<WebhookRetryPolicy>; queuePrefix?: string };
  /** Deferred jobs: BullMQ lock timing (tests take a killed instance's job over sooner). */
  jobQueue?: JobQueueOptions;
}

/** Create the services; the caller closes them. */
export function createServices(config: Config, options: ServiceOptions = {}): Services {
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2, enableAutoPipelining: true }) : undefined;
  const state = redis ? createRedisState(redis) : createMemoryState();
  const store = redis ? createRedisStore(redis, options.limiterTiming) : createMemoryStore(options.limiterTiming);
  const metrics = createMetrics({ defaultMetrics: options.defaultMetrics ?? false });
  const limiter = createLimiter(store, (orgId, priority, decision) => metrics.decision(orgId, priority, decision));
  const orgs = createOrgRepository(state, options.orgCacheMs ?? 1000);
  const recorder = withResponseMetrics(createCallRecorder(state), metrics);
  const notifications = createNotifications(state);
  const secretBox = createSecretBox(config.encryptionKeys ? parseKeyring(config.encryptionKeys) : ephemeralKeyring());
  let logger: ErrorLogger | undefined;
  // Reconnects are ioredis's job; without a listener it prints each failed attempt to stderr.
  redis?.on('error', (error: unknown) => logger?.error({ err: error }, 'redis connection error'));
  const tasks = createBackgroundTasks(({ task, error, requestId }) => {
    metrics.backgroundFailure(task);
    logger?.error({ err: error, task, ...(requestId ? { reqId: requestId } : {}) }, `background task ${task} failed`);
    options.onBackgroundError?.(error);
  });
  const errorLog = createErrorLog(state, (error) => tasks.report('error-log', error));
  const webhooks = createWebhookService({ config, state, secretBox, ...options.webhooks, onError: (error) => tasks.report('webhooks', error) });
  const alerts = createAlerts({ guard: createQuietGuard(state), notifications, webhooks });
  const episodes = createEpisodes(state);
  const fieldUsage = createFieldUsage(state, (error) => tasks.report('field-usage', error));
  const pool = createConnectionPool({
    secretBox,
    apiVersion: config.salesforceApiVersion,
    clientName: config.salesforceClientName,
    allowedHosts: config.salesforceHosts,
    retry: { ...DEFAULT_RETRY, timeoutMs: config.salesforceTimeoutMs, ...options.retry },
    gateFor: (orgId) =>
      createOrgGate(orgId, {
        limiter,
        recorder,
        alerts,
        episodes,
        errorLog,
        background: (task, work) => tasks.run(task, work),
        settings: async () => {
          const org = await orgs.get(orgId);
          return { policy: org?.policy ?? DEFAULT_POLICY, alerts: alertSettingsOf(org?.alerts) };
        },
      }),
  });
  // An org deleted on any instance: its connection here is closed to further use at once.
  orgs.watch((orgId, removed) => removed && pool.drop(orgId));
  const apiKeys = createApiKeys(state);
  const audit = createAuditLog(state);
  const authFailures = createAuthFailures(state, options.authFailures ?? config.authFailures ?? DEFAULT_AUTH_FAILURES);
  const pinnedNow = options.limiterTiming?.pinnedNow;
  const limiterNow = (): number => pinnedNow?.() ?? Date.now();
  const jobs = config.redisUrl ? createJobs(state, createJobQueues(config.redisUrl, state, pushJobProcessor({ state, pool, orgs, errorLog, fieldUsage, now: limiterNow }), options.jobQueue)) : undefined;
  // Tests pin the limiter's clock; BullMQ's delays run on the wall clock, so due jobs are woken by hand.
  const waker = jobs && pinnedNow ? wakeOnPinnedClock(jobs.queues, limiterNow) : undefined;
  return {
    config,
    state,
    limiter,
    orgs,
    recorder,
    notifications,
    alerts,
    webhooks,
    errorLog,
    fieldUsage,
    pool,
    secretBox,
    apiKeys,
    audit,
    authFailures,
    metrics,
    jobs,
    attachLogger(log) {
      logger = log;
    },
    ready: () => state.ping(),
    settled: () => tasks.drain(),
    async close() {
      // Workers finish the job they run (its ledger is written) before the stores close.
      waker?.stop();
      await jobs?.close();
      await tasks.drain();
      await webhooks.queue.close();
      await state.close();
      await store.close();
      if (redis) await redis.quit();
    },
  };
}
