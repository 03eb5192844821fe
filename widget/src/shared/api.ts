/** Fetches one figure of the callbudget API and turns every failure into a CallbudgetErrorDetail. */
import type { CallbudgetErrorDetail } from './types.ts';

export type Figure = 'usage' | 'checklist';

export interface ApiTarget {
  apiBase: string;
  org: string;
  token: string;
}

/** The URL of a figure: `apiBase` empty means the page's own origin. */
export function figureUrl(target: ApiTarget, figure: Figure): string {
  const base = target.apiBase.trim().replace(/\/+$/, '');
  return `${base}/v1/orgs/${encodeURIComponent(target.org)}/${figure}`;
}

/** Thrown (as a value) by fetchFigure for any non-2xx answer or failed request. */
export class ApiError extends Error {
  constructor(
    readonly info: CallbudgetErrorDetail,
    /** The answer's Retry-After in seconds, when it gave one. */
    readonly retryAfterS?: number,
  ) {
    super(info.detail);
  }
}

/** Retry-After as seconds (a number of seconds or an HTTP date), or undefined. */
function retryAfterSeconds(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/** GET a figure as JSON; rejects with ApiError, or with the AbortError when `signal` aborts. */
export async function fetchFigure<T>(target: ApiTarget, figure: Figure, signal: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (target.token) headers.authorization = `Bearer ${target.token}`;
  let response: Response;
  try {
    // No cookies: the key is the only credential, so the API's CORS need not allow credentials.
    response = await fetch(figureUrl(target, figure), { headers, signal, credentials: 'omit', cache: 'no-store' });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError({ status: 0, code: 'NETWORK', title: 'The callbudget API could not be reached', detail: String((error as Error).message ?? error) });
  }
  if (!response.ok) throw new ApiError(await problemOf(response), retryAfterSeconds(response.headers.get('retry-after')));
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError({ status: response.status, code: 'BAD_RESPONSE', title: 'The callbudget API sent an unreadable answer', detail: 'The response was not JSON.' });
  }
}

async function problemOf(response: Response): Promise<CallbudgetErrorDetail> {
  const fallback: CallbudgetErrorDetail = {
    status: response.status,
    code: `HTTP_${response.status}`,
    title: response.statusText || `The request failed (${response.status})`,
    detail: '',
  };
  try {
    const body = (await response.json()) as Partial<Record<keyof CallbudgetErrorDetail, unknown>>;
    return {
      status: response.status,
      code: typeof body.code === 'string' ? body.code : fallback.code,
      title: typeof body.title === 'string' ? body.title : fallback.title,
      detail: typeof body.detail === 'string' ? body.detail : '',
    };
  } catch {
    return fallback;
  }
}
