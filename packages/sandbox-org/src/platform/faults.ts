/**
 * Failures injected into one org's data API, so clients can be tested against a Salesforce that
 * misbehaves: 5xx answers, hangs, expired sessions and a concurrent-request cap.
 */
import type { SfErrorBody } from '../types.ts';
import type { ParsedFaultSpec } from './control-schemas.ts';
import { mulberry32 } from '../seeded-random.ts';

/** What the data scope must do for one call, once a fault fires. */
export type FaultAction = { kind: 'error'; status: number; body: SfErrorBody } | { kind: 'hang'; ms: number } | { kind: 'redirect'; status: number; location: string };

type CallFault = Extract<ParsedFaultSpec, { kind: 'error' | 'hang' | 'redirect' }>;
/** How the token endpoint answers for this org while a `token-answer` fault is armed. */
export type TokenAnswer = Omit<Extract<ParsedFaultSpec, { kind: 'token-answer' }>, 'kind'>;

interface ArmedFault {
  id: string;
  spec: CallFault;
  /** Firings left; Infinity for a probability fault without a count. */
  remaining: number;
  random: () => number;
}

/** A fault as listed by the control API. */
export interface FaultView {
  id: string;
  spec: ParsedFaultSpec;
  remaining: number | null;
}

const DEFAULT_ERRORS: Record<number, SfErrorBody> = {
  500: { errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1842937516-28734 (-1393203874)' },
  502: { errorCode: 'SERVER_UNAVAILABLE', message: 'Bad Gateway: the server received an invalid response from an upstream server' },
  503: { errorCode: 'SERVER_UNAVAILABLE', message: 'Server temporarily unavailable. Please try again later.' },
  504: { errorCode: 'SERVER_UNAVAILABLE', message: 'Gateway Timeout: the request took too long to process' },
};

/** The faults armed on one org. */
export class FaultBook {
  private callFaults: ArmedFault[] = [];
  private invalidSessions = 0;
  private maxInFlight: number | undefined;
  private tokenOverride: TokenAnswer | undefined;
  private nextId = 1;

  /** Arm a fault; returns its id. Session and concurrency faults replace the previous setting. */
  add(spec: ParsedFaultSpec): string {
    const id = `fault-${this.nextId++}`;
    if (spec.kind === 'invalid-session') this.invalidSessions += spec.count;
    else if (spec.kind === 'concurrency') this.maxInFlight = spec.maxInFlight;
    else if (spec.kind === 'token-answer') {
      const { kind: _kind, ...answer } = spec;
      this.tokenOverride = answer;
    } else {
      const remaining = spec.count ?? (spec.probability === undefined ? 1 : Number.POSITIVE_INFINITY);
      this.callFaults.push({ id, spec, remaining, random: mulberry32(spec.seed ?? 1) });
    }
    return id;
  }

  /** Disarm everything. */
  clear(): void {
    this.callFaults = [];
    this.invalidSessions = 0;
    this.maxInFlight = undefined;
    this.tokenOverride = undefined;
  }

  /** The token endpoint's override, if one is armed. */
  tokenAnswer(): TokenAnswer | undefined {
    return this.tokenOverride;
  }

  /** True (and one fewer left) when this call must be answered 401 INVALID_SESSION_ID. */
  takeInvalidSession(): boolean {
    if (this.invalidSessions === 0) return false;
    this.invalidSessions--;
    return true;
  }

  /** The concurrent-request cap, if one is armed. */
  concurrencyCap(): number | undefined {
    return this.maxInFlight;
  }

  /** The first armed error/hang fault that fires for this call (consuming one firing), if any. */
  pick(method: string, path: string): FaultAction | undefined {
    for (const fault of this.callFaults) {
      const { spec } = fault;
      if (spec.method && spec.method !== method) continue;
      if (spec.pathContains && !path.includes(spec.pathContains)) continue;
      // Only matching calls draw, so a seed replays the same failures for the same matching calls.
      if (spec.probability !== undefined && fault.random() >= spec.probability) continue;
      fault.remaining--;
      if (fault.remaining <= 0) this.callFaults = this.callFaults.filter((f) => f !== fault);
      if (spec.kind === 'hang') return { kind: 'hang', ms: spec.ms };
      if (spec.kind === 'redirect') return { kind: 'redirect', status: spec.status, location: spec.location };
      const preset = DEFAULT_ERRORS[spec.status] ?? DEFAULT_ERRORS[500]!;
      return {
        kind: 'error',
        status: spec.status,
        body: { message: spec.message ?? preset.message, errorCode: spec.errorCode ?? preset.errorCode },
      };
    }
    return undefined;
  }

  /** Everything armed, for the control API. */
  list(): { callFaults: FaultView[]; invalidSessionsLeft: number; maxInFlight: number | null; tokenAnswer?: TokenAnswer } {
    return {
      ...(this.tokenOverride ? { tokenAnswer: this.tokenOverride } : {}),
      callFaults: this.callFaults.map((f) => ({ id: f.id, spec: f.spec, remaining: Number.isFinite(f.remaining) ? f.remaining : null })),
      invalidSessionsLeft: this.invalidSessions,
      maxInFlight: this.maxInFlight ?? null,
    };
  }
}
