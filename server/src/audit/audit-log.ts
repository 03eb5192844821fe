/** Who changed what, and which key was used for what, when — per org, newest first, capped. */
import { keys } from '../keys.ts';
import type { SharedState } from '../state/shared-state.ts';
import type { Principal } from '../access/principal.ts';

export interface AuditEntry {
  at: string;
  /** `operator`, or `key:<id>` with its kind and role. */
  actor: string;
  action: string;
  target?: string;
  details?: Record<string, unknown>;
}

const KEEP = 2000;
const KEY_USE_EVERY_MS = 10 * 60_000;
/** Expired guards are forgotten once this many are remembered (keys that stopped being used). */
const OWN_GUARDS_SWEEP_AT = 1000;

export interface AuditLog {
  record(orgId: string, principal: Principal, action: string, target?: string, details?: Record<string, unknown>): Promise<void>;
  /** Note a key's use of a capability, at most once per key and capability every ten minutes. */
  keyUsed(orgId: string, principal: Principal, capability: string): Promise<void>;
  list(orgId: string, max?: number): Promise<AuditEntry[]>;
}

/** Describe a principal for the log. */
export function actorOf(principal: Principal): string {
  return principal.kind === 'operator' ? 'operator' : `key:${principal.keyId} (${principal.keyKind}${principal.role ? `, ${principal.role}` : ''})`;
}

/** Create the audit log over shared state. */
export function createAuditLog(state: SharedState, now: () => number = Date.now): AuditLog {
  const append = (orgId: string, entry: AuditEntry): Promise<void> => state.pushCapped(keys.auditLog(orgId), JSON.stringify(entry), KEEP);
  // Guards this instance set, by guard key → when it expires. Until then the shared guard is known
  // to exist, so asking Redis again (a round trip on every request of a key) could only answer no.
  // Guards another instance set are not known here and are still asked about.
  const ownGuards = new Map<string, number>();
  return {
    async record(orgId, principal, action, target, details) {
      await append(orgId, { at: new Date(now()).toISOString(), actor: actorOf(principal), action, ...(target ? { target } : {}), ...(details ? { details } : {}) });
    },
    async keyUsed(orgId, principal, capability) {
      if (principal.kind !== 'key') return;
      const guard = keys.keyUseGuard(orgId, principal.keyId, capability);
      const at = now();
      const until = ownGuards.get(guard);
      if (until !== undefined && at < until) return;
      ownGuards.delete(guard);
      if (!(await state.setIfAbsent(guard, '1', KEY_USE_EVERY_MS))) return;
      // Set from before the request was sent, so it never outlives the guard in Redis.
      ownGuards.set(guard, at + KEY_USE_EVERY_MS);
      if (ownGuards.size > OWN_GUARDS_SWEEP_AT) for (const [g, u] of ownGuards) if (u <= at) ownGuards.delete(g);
      await append(orgId, { at: new Date(now()).toISOString(), actor: actorOf(principal), action: 'key.used', target: capability });
    },
    async list(orgId, max = KEEP) {
      return (await state.readList(keys.auditLog(orgId), max)).map((raw) => JSON.parse(raw) as AuditEntry);
    },
  };
}
