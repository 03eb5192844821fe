/**
 * Who may do what (the seed's access table): Salesforce sync settings, usage, the error log and the
 * checklist are for Administrators only, and only on the Advanced and Ultimate plans. Sync keys sync
 * and pass through; widget keys only read one org's figures. The operator may do everything.
 */
import type { Priority } from '../limiter/types.ts';
import type { Plan } from '../orgs/org.ts';
import type { KeyKind, Principal, Role } from './principal.ts';

export const CAPABILITIES = [
  'org:read',
  'org:write',
  'org:delete',
  'keys:manage',
  'audit:read',
  'widget:mint',
  'settings:read',
  'settings:write',
  'sync',
  'passthrough',
  'usage:read',
  'errors:read',
  'checklist:read',
  'notifications:read',
  'notifications:write',
  'webhooks:manage',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Plans that include Salesforce sync and its settings. */
export const SYNC_PLANS: readonly Plan[] = ['advanced', 'ultimate'];

const BY_KIND: Record<KeyKind, readonly Capability[]> = {
  admin: CAPABILITIES,
  sync: ['sync', 'passthrough', 'settings:read'],
  widget: ['usage:read', 'checklist:read', 'notifications:read'],
};

export type AccessVerdict = { allowed: true } | { allowed: false; code: 'FORBIDDEN_PLAN' | 'FORBIDDEN_ROLE' | 'FORBIDDEN_SCOPE'; detail: string };

const ROLE_NAMES: Record<Role, string> = {
  administrator: 'Administrators',
  'company-manager': 'Company Managers',
  'marketing-manager': 'Marketing Managers',
  'sales-manager': 'Sales Managers',
  salesperson: 'Salespersons',
  'junior-salesperson': 'Jr. Salespersons',
};

/** Decide whether `principal` may use `capability` on an org with `plan`. */
export function decideAccess(principal: Principal, capability: Capability, plan: Plan): AccessVerdict {
  if (principal.kind === 'operator') return { allowed: true };
  if (!BY_KIND[principal.keyKind].includes(capability)) {
    return { allowed: false, code: 'FORBIDDEN_SCOPE', detail: `A ${principal.keyKind} key may not use ${capability}.` };
  }
  if (!SYNC_PLANS.includes(plan)) {
    return { allowed: false, code: 'FORBIDDEN_PLAN', detail: `Salesforce sync is available on the Advanced and Ultimate plans; this org is on ${plan}.` };
  }
  if (principal.keyKind === 'admin' && principal.role !== 'administrator') {
    const role = principal.role ? ROLE_NAMES[principal.role] : 'this role';
    return { allowed: false, code: 'FORBIDDEN_ROLE', detail: `Salesforce sync settings are available to Administrators only, not ${role}.` };
  }
  return { allowed: true };
}

/**
 * Limiter priorities a principal may ask for: `interactive` is the share kept so admin pages work
 * while the sync is paused, so only the operator and admin keys may spend it; sync keys ask for
 * `sync` or `bulk`.
 */
export function prioritiesFor(principal: Principal): readonly Priority[] {
  return principal.kind === 'operator' || principal.keyKind === 'admin' ? ['interactive', 'sync', 'bulk'] : ['sync', 'bulk'];
}
