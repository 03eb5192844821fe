/** The one typed configuration, validated at boot; nothing else reads process.env. */
import { z } from 'zod';
import { SALESFORCE_HOSTS, isOriginPattern } from './http/origins.ts';
import { parseTrustProxy, type TrustProxy } from './http/trust-proxy.ts';

const portNumber = z.coerce.number().int().min(0).max(65535);
const optionalText = z.string().trim().min(1).optional();
const millis = (max: number) => z.coerce.number().int().min(1).max(max);
// Only characters that need no escaping in a URL, a header or a JSON string: it is written into all three.
const PUBLIC_URL = /^https?:\/\/(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?(?:\/[A-Za-z0-9._~-]+)*\/?$/;

const schema = z.object({
  PORT: portNumber.default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Shared limiter store; unset = in-process store (one instance only). */
  REDIS_URL: z.string().url().optional(),
  /** Operator key that bootstraps orgs and keys; generated and printed in embedded mode. */
  CALLBUDGET_ADMIN_KEY: z.string().min(24, 'CALLBUDGET_ADMIN_KEY must be at least 24 characters').optional(),
  /** Keys that seal Salesforce credentials at rest: `id:base64(32 bytes)[,older…]`; the first seals. */
  CALLBUDGET_ENCRYPTION_KEYS: optionalText,
  /** `auto`: an embedded sandbox org runs when REDIS_URL is unset. */
  CALLBUDGET_SANDBOX: z.enum(['auto', 'on', 'off']).default('auto'),
  SANDBOX_PORT: portNumber.default(3001),
  /** Origins Salesforce credentials may point at (login or instance URL); one `*` label, `:*` any port. */
  SALESFORCE_ALLOWED_HOSTS: optionalText.refine((v) => v === undefined || v.split(',').every((h) => isOriginPattern(h.trim())), 'comma-separated origins like https://login.salesforce.com or https://*.my.salesforce.com'),
  SALESFORCE_API_VERSION: z
    .string()
    .regex(/^\d{2,3}\.0$/, 'SALESFORCE_API_VERSION looks like 62.0')
    .default('62.0'),
  /** Label sent as `Sforce-Call-Options: client=…`, shown in Salesforce's API usage logs. */
  SALESFORCE_CLIENT_NAME: optionalText.default('callbudget'),
  /** A Salesforce request with no answer after this long is abandoned (it may still have been counted). */
  SALESFORCE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(120_000),
  /** Which proxies' X-Forwarded-For to believe: hop count, true/false, or comma-separated addresses/CIDRs. */
  TRUST_PROXY: z
    .string()
    .trim()
    .refine((v) => parseTrustProxy(v) !== undefined, 'a hop count, true, false, or comma-separated IP addresses/CIDRs')
    .default('false'),
  /** Failed API keys allowed per client address, and per claimed key id, in one window. */
  AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(20),
  AUTH_FAILURE_WINDOW_MS: millis(86_400_000).default(600_000),
  /** Whole request (headers and body) must arrive within this. */
  REQUEST_TIMEOUT_MS: millis(3_600_000).default(30_000),
  /** Request headers must arrive within this (≤ REQUEST_TIMEOUT_MS). */
  HEADERS_TIMEOUT_MS: millis(3_600_000).default(10_000),
  /** A socket with no traffic either way is closed after this; longer than any Salesforce call we wait for. */
  CONNECTION_TIMEOUT_MS: millis(3_600_000).default(300_000),
  /** An idle keep-alive connection is closed after this (longer than a load balancer's idle timeout). */
  KEEP_ALIVE_TIMEOUT_MS: millis(3_600_000).default(72_000),
  /** Absolute URL clients reach this API at (e.g. behind a proxy); unset = each request's protocol and Host. */
  PUBLIC_URL: optionalText.refine((v) => v === undefined || PUBLIC_URL.test(v), 'an http(s) origin with an optional path, e.g. https://callbudget.example.com or https://example.com/callbudget'),
  /** Origins webhooks may use although http or private (e.g. http://127.0.0.1:*); others must be public https. */
  WEBHOOK_ALLOWED_HOSTS: optionalText.refine((v) => v === undefined || v.split(',').every((h) => isOriginPattern(h.trim())), 'comma-separated origins like https://hooks.internal.example or http://127.0.0.1:*'),
  /** A webhook endpoint must answer within this. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
});

/** Limits on how long a client may take to send a request, and how long idle sockets live. */
export interface HttpTimeouts {
  requestMs: number;
  headersMs: number;
  connectionMs: number;
  keepAliveMs: number;
}

export interface Config {
  port: number;
  host: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  redisUrl: string | undefined;
  adminKey: string | undefined;
  /** Unset only in embedded mode, where an ephemeral key is made. */
  encryptionKeys: string | undefined;
  /** Whether this process starts its own sandbox org (the embedded demo). */
  embeddedSandbox: boolean;
  sandboxPort: number;
  salesforceApiVersion: string;
  /** Credentials pointing elsewhere are refused before any request (no SSRF through loginUrl). */
  salesforceHosts: string[];
  salesforceClientName: string;
  /** Abandon a Salesforce request after this long without an answer. @default 120000 */
  salesforceTimeoutMs: number;
  /** Fastify's `trustProxy`: off unless the instance runs behind a known proxy. */
  trustProxy: TrustProxy;
  /** Failed-key limit (per client address and per claimed key id). */
  authFailures: { maxFailures: number; windowMs: number };
  timeouts: HttpTimeouts;
  /** Base of the URLs the passthrough hands out (no trailing slash); undefined = taken from each request. */
  publicUrl: string | undefined;
  /** Webhook endpoints may be http or private only at these origins (none by default). */
  webhookAllowedOrigins: string[];
  webhookTimeoutMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parse and check the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means unset, as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.REDIS_URL && !e.CALLBUDGET_ENCRYPTION_KEYS) {
    throw new ConfigError('Invalid configuration:\n  CALLBUDGET_ENCRYPTION_KEYS: required with REDIS_URL (credentials are stored encrypted); e.g. k1:$(openssl rand -base64 32)');
  }
  if (e.REDIS_URL && !e.CALLBUDGET_ADMIN_KEY) {
    throw new ConfigError('Invalid configuration:\n  CALLBUDGET_ADMIN_KEY: required with REDIS_URL (the operator key); e.g. $(openssl rand -base64 32)');
  }
  if (e.HEADERS_TIMEOUT_MS > e.REQUEST_TIMEOUT_MS) {
    throw new ConfigError('Invalid configuration:\n  HEADERS_TIMEOUT_MS: must not exceed REQUEST_TIMEOUT_MS');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    redisUrl: e.REDIS_URL,
    adminKey: e.CALLBUDGET_ADMIN_KEY,
    encryptionKeys: e.CALLBUDGET_ENCRYPTION_KEYS,
    embeddedSandbox: e.CALLBUDGET_SANDBOX === 'on' || (e.CALLBUDGET_SANDBOX === 'auto' && !e.REDIS_URL),
    sandboxPort: e.SANDBOX_PORT,
    salesforceApiVersion: e.SALESFORCE_API_VERSION,
    salesforceHosts: e.SALESFORCE_ALLOWED_HOSTS
      ? e.SALESFORCE_ALLOWED_HOSTS.split(',')
          .map((h) => h.trim())
          .filter(Boolean)
      : SALESFORCE_HOSTS,
    salesforceClientName: e.SALESFORCE_CLIENT_NAME,
    salesforceTimeoutMs: e.SALESFORCE_TIMEOUT_MS,
    trustProxy: parseTrustProxy(e.TRUST_PROXY)!,
    authFailures: { maxFailures: e.AUTH_FAILURE_LIMIT, windowMs: e.AUTH_FAILURE_WINDOW_MS },
    timeouts: { requestMs: e.REQUEST_TIMEOUT_MS, headersMs: e.HEADERS_TIMEOUT_MS, connectionMs: e.CONNECTION_TIMEOUT_MS, keepAliveMs: e.KEEP_ALIVE_TIMEOUT_MS },
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    webhookAllowedOrigins: (e.WEBHOOK_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
    webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
  };
}
