/**
 * The jsforce transport every Salesforce call of an org goes through: admit → send → settle, for each
 * HTTP attempt (retries and post-refresh replays included). Every admitted call is settled exactly
 * once, with whether Salesforce counted it (counted-answers.ts) and the usage its answer reported.
 * jsforce's own retry loop is switched off; retries follow retry-policy.ts (none for the passthrough).
 */
import { Duplex } from 'node:stream';
import { Transport } from 'jsforce/lib/transport.js';
import { StreamPromise } from 'jsforce/lib/util/promise.js';
import type { HttpRequest, HttpRequestOptions, HttpResponse } from 'jsforce/lib/types/common.js';
import type { CallSettlement, Decision } from '../limiter/types.ts';
import { CallDeniedError } from './call-denied.ts';
import { currentCallContext, type CallContext } from './call-context.ts';
import { failureCode, isCountedAnswer, isCountedFailure, isCountedPath, normalisedPathname } from './counted-answers.ts';
import { isDailyLimitExceeded, parseLimitInfo } from './limit-info.ts';
import { DEFAULT_RETRY, retriesFor, retryDelay, type AttemptFailure, type RetryPolicy } from './retry-policy.ts';

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
  /** False when Salesforce did not count the attempt (it is in the error log, not in the call counts). */
  counted: boolean;
  at: number;
}

function firstErrorCode(body: string): string | undefined {
  const match = /"errorCode"\s*:\s*"([A-Z_]+)"/.exec(body);
  return match?.[1];
}

/** One attempt's result: Salesforce's answer (with its failure, when it is an error) or the error thrown. */
type Attempt = { response: HttpResponse; failure?: AttemptFailure } | { error: unknown; failure: AttemptFailure };

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
    const path = normalisedPathname(req.url);
    const method = req.method.toUpperCase();
    const retries = retriesFor(context.direction, this.retry);
    for (let attempt = 0; ; attempt++) {
      const result = await this.attempt(req, options, context, method, path);
      const delay = result.failure ? retryDelay(this.retry, retries, attempt, method, result.failure) : undefined;
      if (delay === undefined) {
        if ('error' in result) throw result.error;
        return result.response;
      }
      await sleep(delay);
    }
  }

  /** One HTTP attempt: admitted first when the path is counted, settled once whatever happens. */
  private async attempt(req: HttpRequest, options: HttpRequestOptions, context: CallContext, method: string, path: string): Promise<Attempt> {
    const decision = isCountedPath(path) ? await this.gate.admit(context) : undefined;
    if (decision && !decision.allowed) throw new CallDeniedError(decision);
    const at = Date.now();
    let response: HttpResponse;
    try {
      response = await super.httpRequest(req, { ...options, timeout: this.retry.timeoutMs, retry: { maxRetries: 0 } });
    } catch (error) {
      const code = failureCode(error);
      const counted = isCountedFailure(code);
      if (decision) {
        this.gate.settle(decision, { counted });
        if (counted) this.gate.record({ context, method, path, status: 0, errorCode: code ?? 'NETWORK_ERROR', at, counted });
      }
      return { error, failure: { counted, ...(code ? { code } : {}) } };
    }
    const body = typeof response.body === 'string' ? response.body : '';
    const counted = isCountedAnswer(response.statusCode, body);
    if (decision) this.afterResponse(decision, { context, method, path, status: response.statusCode, at, counted }, response, body);
    if (response.statusCode < 400) return { response };
    const retryAfter = response.headers['retry-after'];
    return { response, failure: { status: response.statusCode, body, counted, ...(retryAfter ? { retryAfter } : {}) } };
  }

  private afterResponse(decision: Decision, outcome: CallOutcome, response: HttpResponse, body: string): void {
    const usage = parseLimitInfo(response.headers['sforce-limit-info']);
    const exhausted = isDailyLimitExceeded(response.statusCode, body);
    // limit 0 on a refusal without a usage header: keep the known one
    const report = usage ? { ...usage, exhausted } : exhausted ? { used: 0, limit: 0, exhausted: true } : undefined;
    this.gate.settle(decision, { counted: outcome.counted, ...(report ? { report } : {}) });
    const errorCode = response.statusCode >= 400 ? (firstErrorCode(body) ?? `HTTP_${response.statusCode}`) : undefined;
    this.gate.record({ ...outcome, ...(errorCode ? { errorCode } : {}) });
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
