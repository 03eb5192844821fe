/** Creating and changing orgs: credentials are checked with one Salesforce call, then sealed. */
import { Problem } from '../errors.ts';
import { DEFAULT_POLICY, type LimiterPolicy } from '../limiter/limiter.ts';
import { DEFAULT_MAPPINGS } from '../sync/default-mappings.ts';
import type { Services } from '../services.ts';
import type { SalesforceCredentials } from '../salesforce/credentials.ts';
import { verifyCredentials } from '../salesforce/verify-credentials.ts';
import type { Org } from './org.ts';
import { originAllowed, originOf } from '../http/origins.ts';
import type { OrgCreateInput, OrgPatchInput } from './org-input.ts';

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
    throw new Problem('VALIDATION_FAILED', `${origin ?? url} is not a Salesforce host this service may call.`, { errors: [{ location: `body/salesforce/${field}`, message: 'not an allowed Salesforce host (SALESFORCE_ALLOWED_HOSTS)' }] });
  }
  const sealedCredentials = deps.secretBox.seal(JSON.stringify(creds));
  const salesforce = await verifyCredentials(deps, { ...candidate, sealedCredentials });
  return { sealedCredentials, salesforce };
}

/** Create an org; 409-style refusal when the id is taken. */
export async function createOrg(deps: Deps, input: OrgCreateInput, now = new Date()): Promise<Org> {
  if (await deps.orgs.get(input.id)) throw new Problem('VALIDATION_FAILED', `An org with id ${input.id} exists.`, { errors: [{ location: 'body/id', message: 'already exists' }] });
  const at = now.toISOString();
  let org: Org = {
    id: input.id,
    name: input.name,
    plan: input.plan,
    policy: policyFrom(input, DEFAULT_POLICY),
    mappings: structuredClone(DEFAULT_MAPPINGS),
    corsOrigins: input.corsOrigins,
    createdAt: at,
    updatedAt: at,
    revision: 1,
  };
  if (input.salesforce) org = { ...org, ...(await sealChecked(deps, org, input.salesforce)) };
  await deps.orgs.save(org);
  return org;
}

/** Apply a partial change; new credentials are checked before anything is saved. */
export async function updateOrg(deps: Deps, org: Org, patch: OrgPatchInput, now = new Date()): Promise<Org> {
  let next: Org = {
    ...org,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.plan !== undefined ? { plan: patch.plan } : {}),
    ...(patch.corsOrigins !== undefined ? { corsOrigins: patch.corsOrigins } : {}),
    policy: policyFrom(patch, org.policy),
    updatedAt: now.toISOString(),
    revision: org.revision + 1,
  };
  if (patch.salesforce) next = { ...next, ...(await sealChecked(deps, next, patch.salesforce)) };
  await deps.orgs.save(next);
  return next;
}

/** Delete an org, its window and its cached connection. */
export async function deleteOrg(deps: Deps & { state: Services['state'] }, org: Org, orgPrefix: string): Promise<void> {
  await deps.orgs.remove(org.id);
  await deps.limiter.store.forget(org.id);
  deps.pool.drop(org.id);
  const keys = await deps.state.keysWithPrefix(orgPrefix);
  await deps.state.del(...keys);
}
