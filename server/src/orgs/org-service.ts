/** Creating and changing orgs: credentials are checked with one Salesforce call, then sealed. */
import { Problem } from '../errors.ts';
import { keys } from '../keys.ts';
import { DEFAULT_POLICY, type LimiterPolicy } from '../limiter/limiter.ts';
import { DEFAULT_MAPPINGS } from '../sync/default-mappings.ts';
import type { Services } from '../services.ts';
import type { SalesforceCredentials } from '../salesforce/credentials.ts';
import { verifyCredentials } from '../salesforce/verify-credentials.ts';
import { newIncarnation, type Org } from './org.ts';
import { originAllowed, originOf } from '../http/origins.ts';
import type { OrgCreateInput, OrgPatchInput } from './org-input.ts';
import { changeOrg } from './org-change.ts';
import { alertSettingsOf, type AlertSettings } from '../alerts/alert-types.ts';
import type { AlertSettingsInput } from '../alerts/alert-input.ts';

/** Alert settings after a create or patch: the warnings replaced when named, quiet intervals merged per type. */
function alertsFrom(input: AlertSettingsInput | undefined, base: AlertSettings | undefined): AlertSettings | undefined {
  if (!input) return base;
  const current = alertSettingsOf(base);
  return { warnAtPercent: input.warnAtPercent ?? current.warnAtPercent, quietMinutes: { ...current.quietMinutes, ...input.quietMinutes } };
}

type Deps = Pick<Services, 'orgs' | 'secretBox' | 'pool' | 'limiter' | 'config'>;

function policyFrom(input: Partial<OrgCreateInput>, base: LimiterPolicy): LimiterPolicy {
  return {
    dailyLimit: input.dailyLimit ?? base.dailyLimit,
    reservePercent: input.reservePercent ?? base.reservePercent,
    thresholds: input.thresholds ?? base.thresholds,
  };
}

/** Seal the credentials into the org about to be saved, after one call proves them (the pool keeps that connection). */
async function sealChecked(deps: Deps, candidate: Org, creds: SalesforceCredentials): Promise<Pick<Org, 'sealedCredentials' | 'salesforce'>> {
  const url = 'loginUrl' in creds ? creds.loginUrl : creds.instanceUrl;
  const origin = originOf(url);
  if (!origin || !originAllowed(origin, deps.config.salesforceHosts)) {
    const field = 'loginUrl' in creds ? 'loginUrl' : 'instanceUrl';
    throw new Problem('VALIDATION_FAILED', `${origin ?? url} is not a Salesforce host this service may call.`, {
      errors: [{ location: `body/salesforce/${field}`, message: 'not an allowed Salesforce host (SALESFORCE_ALLOWED_HOSTS)' }],
    });
  }
  const sealedCredentials = deps.secretBox.seal(JSON.stringify(creds));
  const salesforce = await verifyCredentials(deps, { ...candidate, sealedCredentials });
  return { sealedCredentials, salesforce };
}

/** A deletion that stopped halfway (its instance died) is finished by the next create of the id after this long. */
export const STUCK_DELETION_MS = 60_000;

/** Refuse an id that is taken (409); an id left behind by a deletion that never finished is freed first. */
async function ensureFree(deps: DeleteDeps, id: string, now: Date): Promise<void> {
  const stored = await deps.orgs.stored(id);
  if (!stored) return;
  if (stored.deletingSince && now.getTime() - Date.parse(stored.deletingSince) > STUCK_DELETION_MS) return purgeOrg(deps, stored);
  throw new Problem('CONFLICT', stored.deletingSince ? `Org ${id} is being deleted; try again in a minute.` : `An org with id ${id} exists.`);
}

/** Create an org with a new incarnation; 409 when the id is taken, also by a concurrent create. */
export async function createOrg(deps: DeleteDeps, input: OrgCreateInput, now = new Date()): Promise<Org> {
  // Checked first so a taken id costs no Salesforce call; the create below is what decides.
  await ensureFree(deps, input.id, now);
  const at = now.toISOString();
  let org: Org = {
    id: input.id,
    incarnation: newIncarnation(),
    name: input.name,
    plan: input.plan,
    policy: policyFrom(input, DEFAULT_POLICY),
    mappings: structuredClone(DEFAULT_MAPPINGS),
    corsOrigins: input.corsOrigins,
    ...(input.alerts ? { alerts: alertsFrom(input.alerts, undefined)! } : {}),
    deferWhenLimited: input.deferWhenLimited,
    createdAt: at,
    updatedAt: at,
    revision: 1,
  };
  if (input.salesforce) org = { ...org, ...(await sealChecked(deps, org, input.salesforce)) };
  if (!(await deps.orgs.create(org))) {
    deps.pool.drop(org.id);
    throw new Problem('CONFLICT', `An org with id ${input.id} was created meanwhile.`);
  }
  return org;
}

/**
 * Apply a partial change to the org as stored; new credentials are checked (once) before anything
 * is saved. `exact`: the caller named the version `org` is (If-Match), so a lost race is 412.
 */
export async function updateOrg(deps: Deps, org: Org, patch: OrgPatchInput, options: { exact?: boolean; now?: Date } = {}): Promise<{ before: Org; after: Org }> {
  const sealed = patch.salesforce ? await sealChecked(deps, org, patch.salesforce) : undefined;
  return changeOrg(
    deps.orgs,
    org,
    (current) => ({
      ...current,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.plan !== undefined ? { plan: patch.plan } : {}),
      ...(patch.corsOrigins !== undefined ? { corsOrigins: patch.corsOrigins } : {}),
      ...(patch.alerts !== undefined ? { alerts: alertsFrom(patch.alerts, current.alerts)! } : {}),
      ...(patch.deferWhenLimited !== undefined ? { deferWhenLimited: patch.deferWhenLimited } : {}),
      policy: policyFrom(patch, current.policy),
      ...(sealed ?? {}),
    }),
    { ...(options.exact ? { exact: true } : {}), ...(options.now ? { now: options.now } : {}) },
  );
}

type DeleteDeps = Deps & Pick<Services, 'state' | 'apiKeys'>;

/** Everything of an org but its settings record: keys, window, cached connection, figures, caches. */
async function purgeOrg(deps: DeleteDeps, org: Org): Promise<void> {
  await deps.apiKeys.removeAll(org.id);
  await deps.limiter.store.forget(org.id);
  deps.pool.drop(org.id);
  const settings = keys.orgSettings(org.id);
  const rest = (await deps.state.keysWithPrefix(keys.orgPrefix(org.id))).filter((key) => key !== settings);
  await deps.state.del(...rest);
  await deps.orgs.remove(org);
}

/**
 * Delete an org and everything of it. The org is first marked as being deleted (gone for every
 * reader, its id still taken), so an org created again with this id cannot lose its own keys and
 * figures to this cleanup; the mark goes last.
 */
export async function deleteOrg(deps: DeleteDeps, org: Org, now = new Date()): Promise<void> {
  const { after } = await changeOrg(deps.orgs, org, (current) => ({ ...current, deletingSince: now.toISOString() }));
  await purgeOrg(deps, after);
}
