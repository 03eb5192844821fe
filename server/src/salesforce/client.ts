/**
 * The Salesforce client of one org: every request callbudget sends to Salesforce for it goes through
 * `send` below, and each HTTP attempt there is, in this order and in plain sight:
 *
 *   admit (the limiter, for counted paths) → send (sendGuarded: allow-list, no redirects, deadline)
 *   → settle (exactly once: counted or given back, with the usage Salesforce reported) → record.
 *
 * Retries follow retry-policy.ts (none for the passthrough); an answer refusing the session renews
 * it (one login however many requests notice) and replays the request once. Logins themselves go
 * through sendGuarded in login.ts: OAuth is not counted, so there is nothing to admit.
 *
 * Why not jsforce here: jsforce 3.10 offers no public way to route its HTTP. Its Connection sends
 * through a private transport (node-fetch), its OAuth2 through another, and `conn.request()` goes the
 * same way; the only public options (`proxyUrl`, `httpProxy`) send every request to a proxy server,
 * which would hide the call path behind a listening socket. Counting through jsforce meant swapping
 * those private transports and reaching into its private refresh delegate. What jsforce gave us beyond HTTP is small and lives here in our words:
 * the token call (login.ts), the sObject Collections bodies (collections.ts), error parsing
 * (answer-body.ts). jsforce stays what our passthrough serves: a client, exercised by the tests.
 */
import type { CallSettlement, Decision } from '../limiter/types.ts';
import { CallDeniedError } from './call-denied.ts';
import type { CallContext } from './call-context.ts';
import { failureCode, isCountedAnswer, isCountedFailure, isCountedPath, normalisedPathname } from './counted-answers.ts';
import { checkAllowed, refuseRedirect, sendGuarded, type SalesforceResponse } from './guarded-http.ts';
import { answerValue } from './answer-body.ts';
import { isDailyLimitExceeded, parseLimitInfo } from './limit-info.ts';
import { DEFAULT_RETRY, retriesFor, retryDelay, type AttemptFailure, type RetryPolicy } from './retry-policy.ts';
import type { Session } from './session.ts';

/** What the client needs from the rest of the service for one org (org-gate.ts). */
export interface CallGate {
  /** Admit a call costing `cost` of the org's daily requests (1 but for a composite batch). */
  admit(context: CallContext, cost: number): Promise<Decision>;
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
  /** How many of the org's daily requests the attempt cost when counted. */
  cost: number;
  at: number;
}

/** One request: `url` relative to the API version (`/sobjects/Lead`), to the instance (`/services/…`), absolute, or built from the instance URL. */
export interface ClientRequest {
  method: string;
  url: string | ((instanceUrl: string) => string);
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Requests Salesforce counts for it: 1, or one per subrequest of a composite batch. Admitted whole, before sending. */
  cost?: number;
}

export interface SendOptions {
  /** Hand a 3xx back (the passthrough relays it) instead of failing with RedirectRefusedError. */
  relayRedirects?: boolean;
  /** Which answers mean the session is dead; by default a 401, or the identity host's 403 Bad_OAuth_Token. */
  sessionRefused?: (response: SalesforceResponse) => boolean;
}

export interface ClientDeps {
  gate: CallGate;
  retry?: RetryPolicy;
  /** SALESFORCE_ALLOWED_HOSTS. */
  allowedHosts: readonly string[];
  apiVersion: string;
  /** Sent as `Sforce-Call-Options: client=…`, so the org's usage logs name us. */
  clientName: string;
}

/** An org's Salesforce, as callbudget calls it. */
export interface SalesforceClient {
  readonly instanceUrl: string;
  /** The identity URL a login gave (undefined for a stored access token). */
  readonly identityUrl: string | undefined;
  readonly organizationId: string | undefined;
  readonly accessToken: string;
  readonly apiVersion: string;
  /** Send `request` for `context` (see the top of this file); resolves with Salesforce's answer whatever its status. */
  send(context: CallContext, request: ClientRequest, options?: SendOptions): Promise<SalesforceResponse>;
  /** `send`, then the answer's value (JSON, text, undefined for 204); an error answer throws SalesforceApiError. */
  json<T>(context: CallContext, request: ClientRequest): Promise<T>;
}

/** One attempt's result: Salesforce's answer (with its failure, when it is an error) or the error thrown. */
type Attempt = { response: SalesforceResponse; failure?: AttemptFailure } | { error: unknown; failure: AttemptFailure };

// Answers jsforce also declines to treat as an expired session (refreshing would loop).
const NOT_SESSION = ['Connected app is not attached to Agent', 'This session is not valid for use with the REST API'];

function defaultSessionRefused(response: SalesforceResponse): boolean {
  const text = response.status === 401 || response.status === 403 ? response.body.toString('utf8') : '';
  if (response.status === 401) return !NOT_SESSION.some((phrase) => text.includes(phrase));
  return response.status === 403 && text.includes('Bad_OAuth_Token');
}

function firstErrorCode(body: string): string | undefined {
  return /"errorCode"\s*:\s*"([A-Z_]+)"/.exec(body)?.[1];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Make the client of one org over its session. */
export function createSalesforceClient(session: Session, deps: ClientDeps): SalesforceClient {
  const retry = deps.retry ?? DEFAULT_RETRY;
  const { gate } = deps;

  function absolute(url: ClientRequest['url']): string {
    const instanceUrl = session.grant.instanceUrl.replace(/\/+$/, '');
    if (typeof url === 'function') return url(instanceUrl);
    if (/^https?:\/\//.test(url)) return url;
    return url.startsWith('/services/') ? `${instanceUrl}${url}` : `${instanceUrl}/services/data/v${deps.apiVersion}${url}`;
  }

  function headersFor(request: ClientRequest): Record<string, string> {
    // Spelled as Salesforce documents them (and jsforce sends them).
    const headers: Record<string, string> = { ...request.headers, Authorization: `Bearer ${session.grant.accessToken}` };
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'sforce-call-options')) headers['Sforce-Call-Options'] = `client=${deps.clientName}`;
    return headers;
  }

  /** Admit → send → settle → record, for one HTTP attempt. */
  async function attempt(context: CallContext, request: ClientRequest, url: string): Promise<Attempt> {
    const path = normalisedPathname(url);
    const method = request.method.toUpperCase();
    // A URL off the allow-list is refused before anything is admitted.
    checkAllowed(url, deps.allowedHosts, 'request');
    const cost = request.cost ?? 1;
    const decision = isCountedPath(path) ? await gate.admit(context, cost) : undefined;
    if (decision && !decision.allowed) throw new CallDeniedError(decision);
    const at = Date.now();
    let response: SalesforceResponse;
    try {
      const body = request.body;
      response = await sendGuarded({ method, url, headers: headersFor(request), ...(body !== undefined ? { body } : {}) }, { allowed: deps.allowedHosts, timeoutMs: retry.timeoutMs, relayRedirects: true });
    } catch (error) {
      const code = failureCode(error);
      const counted = isCountedFailure(code);
      if (decision) {
        gate.settle(decision, { counted });
        if (counted) gate.record({ context, method, path, status: 0, errorCode: code ?? 'NETWORK_ERROR', at, counted, cost });
      }
      return { error, failure: { counted, ...(code ? { code } : {}) } };
    }
    const text = response.status >= 400 ? response.body.toString('utf8') : '';
    const counted = isCountedAnswer(response.status, text);
    if (decision) {
      const usage = parseLimitInfo(response.headers['sforce-limit-info']);
      const exhausted = isDailyLimitExceeded(response.status, text);
      // limit 0 on a refusal without a usage header: keep the known one
      const report = usage ? { ...usage, exhausted } : exhausted ? { used: 0, limit: 0, exhausted: true } : undefined;
      gate.settle(decision, { counted, ...(report ? { report } : {}) });
      const errorCode = response.status >= 400 ? (firstErrorCode(text) ?? `HTTP_${response.status}`) : undefined;
      gate.record({ context, method, path, status: response.status, at, counted, cost, ...(errorCode ? { errorCode } : {}) });
    }
    if (response.status < 400) return { response };
    const retryAfter = response.headers['retry-after'];
    return { response, failure: { status: response.status, body: text, counted, ...(retryAfter ? { retryAfter } : {}) } };
  }

  /** Attempts under the retry policy; the last answer, or the last error thrown. */
  async function attempts(context: CallContext, request: ClientRequest): Promise<SalesforceResponse> {
    const url = absolute(request.url);
    const retries = retriesFor(context.direction, retry);
    for (let n = 0; ; n++) {
      const result = await attempt(context, request, url);
      const delay = result.failure ? retryDelay(retry, retries, n, request.method, result.failure) : undefined;
      if (delay === undefined) {
        if ('error' in result) throw result.error;
        return result.response;
      }
      await sleep(delay);
    }
  }

  async function send(context: CallContext, request: ClientRequest, options: SendOptions = {}): Promise<SalesforceResponse> {
    const refused = options.sessionRefused ?? defaultSessionRefused;
    await session.settled();
    const sentAt = Date.now();
    let response = await attempts(context, request);
    if (session.renewable && refused(response)) {
      // Once: a second refusal goes back to the caller (jsforce would log in again forever).
      await session.renew(sentAt);
      response = await attempts(context, request);
    }
    if (!options.relayRedirects) refuseRedirect(response, absolute(request.url));
    return response;
  }

  return {
    get instanceUrl() {
      return session.grant.instanceUrl;
    },
    get identityUrl() {
      return session.grant.identityUrl;
    },
    get organizationId() {
      return session.grant.organizationId;
    },
    get accessToken() {
      return session.grant.accessToken;
    },
    apiVersion: deps.apiVersion,
    send,
    async json<T>(context: CallContext, request: ClientRequest) {
      return answerValue<T>(await send(context, request));
    },
  };
}
