/**
 * The jsforce transport every Salesforce call of an org goes through. Each HTTP request it sends,
 * retries and post-refresh replays included, is admitted by the limiter first; each response feeds
 * the org usage estimate. jsforce's own retry loop is switched off so no request escapes counting.
 */
import { Duplex } from 'node:stream';
import { Transport } from 'jsforce/lib/transport.js';
import { StreamPromise } from 'jsforce/lib/util/promise.js';
import type { HttpRequest, HttpRequestOptions, HttpResponse } from 'jsforce/lib/types/common.js';
import type { CallSettlement, Decision } from '../limiter/types.ts';
import { CallDeniedError } from './call-denied.ts';
import { currentCallContext, type CallContext } from './call-context.ts';
import { isDailyLimitExceeded, parseLimitInfo } from './limit-info.ts';

/** What the transport needs from the rest of the service for one org. */
export interface CallGate {
  admit(context: CallContext): Promise<Decision>;
  /**
   * An admitted call is over: `counted` false gives it back (Salesforce never counted it), `report` is the
   * org usage its answer carried. Never awaited on the hot path; the store takes it in call order (one
   * Redis connection, or this process), so a later admit still sees it.
   */
  settle(decision: Decision, outcome: CallSettlement): void;
  /** Called once per HTTP attempt that was sent; never awaited on the hot path. */
  record(outcome: CallOutcome): void;
}

export interface CallOutcome {
  context: CallContext;
  method: string;
  path: string;
  status: number;
  /** Salesforce errorCode of an error response, or the network error code. */
  errorCode?: string;
  at: number;
}

export interface RetryPolicy {
  /** Retries after the first attempt, for idempotent methods. @default 5 (as jsforce) */
  maxRetries: number;
  /** First backoff; doubles each retry. @default 500 */
  minDelayMs: number;
  /** Abort a request with no response after this long. @default 120000 */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 5, minDelayMs: 500, timeoutMs: 120_000 };
const RETRY_STATUSES = new Set([420, 429, 500, 502, 503, 504]);
const RETRY_METHODS = new Set(['GET', 'PUT', 'HEAD', 'OPTIONS', 'DELETE']);
const RETRY_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET']);
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** Calls Salesforce counts: everything under /services/ except OAuth and the versions list. */
export function isCountedPath(pathname: string): boolean {
  return pathname.includes('/services/') && !pathname.includes('/services/oauth2/') && !/\/services\/data\/?$/.test(pathname);
}

function firstErrorCode(body: string): string | undefined {
  const match = /"errorCode"\s*:\s*"([A-Z_]+)"/.exec(body);
  return match?.[1];
}

export class CountedTransport extends Transport {
  constructor(
    private readonly gate: CallGate,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {
    super();
  }

  override httpRequest(req: HttpRequest, options: HttpRequestOptions = {}): StreamPromise<HttpResponse> {
    // Responses are read whole (JSON); a streaming consumer gets an empty stream.
    return StreamPromise.create(() => ({ stream: new Duplex({ read() {}, write(_c, _e, cb) { cb(); } }), promise: this.send(req, options) }));
  }

  private async send(req: HttpRequest, options: HttpRequestOptions): Promise<HttpResponse> {
    const context = currentCallContext();
    const pathname = new URL(req.url).pathname;
    const counted = isCountedPath(pathname);
    const method = req.method.toUpperCase();
    for (let attempt = 0; ; attempt++) {
      const decision = counted ? await this.gate.admit(context) : undefined;
      if (decision && !decision.allowed) throw new CallDeniedError(decision);
      const at = Date.now();
      let response: HttpResponse;
      try {
        response = await super.httpRequest(req, { ...options, timeout: this.retry.timeoutMs, retry: { maxRetries: 0 } });
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'NETWORK_ERROR';
        if (decision) this.gate.settle(decision, { counted: !NEVER_SENT.has(code) });
        if (counted && !NEVER_SENT.has(code)) this.gate.record({ context, method, path: pathname, status: 0, errorCode: code, at });
        if (attempt < this.retry.maxRetries && RETRY_METHODS.has(method) && RETRY_ERRORS.has(code)) {
          await sleep(this.retry.minDelayMs * 2 ** attempt);
          continue;
        }
        throw error;
      }
      if (decision) this.afterResponse(decision, context, method, pathname, response, at);
      if (attempt < this.retry.maxRetries && RETRY_METHODS.has(method) && RETRY_STATUSES.has(response.statusCode)) {
        await sleep(this.retry.minDelayMs * 2 ** attempt);
        continue;
      }
      return response;
    }
  }

  private afterResponse(decision: Decision, context: CallContext, method: string, path: string, response: HttpResponse, at: number): void {
    const body = typeof response.body === 'string' ? response.body : '';
    const errorCode = response.statusCode >= 400 ? (firstErrorCode(body) ?? `HTTP_${response.statusCode}`) : undefined;
    this.gate.record({ context, method, path, status: response.statusCode, at, ...(errorCode ? { errorCode } : {}) });
    const usage = parseLimitInfo(response.headers['sforce-limit-info']);
    const exhausted = isDailyLimitExceeded(response.statusCode, body);
    // limit 0 on a refusal without a usage header: keep the known one
    const report = usage ? { ...usage, exhausted } : exhausted ? { used: 0, limit: 0, exhausted: true } : undefined;
    this.gate.settle(decision, { counted: true, ...(report ? { report } : {}) });
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
