/**
 * The programmatic control API (not Salesforce's): create and shape orgs, seed records, inject
 * faults, read the ground truth and move a manual clock. `/_sandbox` routes are thin wrappers.
 * Every input goes through the same zod rules; misuse throws ControlError with a status.
 */
import type { z } from 'zod';
import { ManualClock } from '../clock.ts';
import type { CustomFieldSpec, OrgInfo, OrgSpec } from '../types.ts';
import { apexRestSpecSchema, type ApexRestSpec } from './apex-rest.ts';
import { ControlError, orgNotFound } from './control-error.ts';
import {
  advanceBodySchema,
  customFieldsBodySchema,
  describeZodError,
  faultSpecSchema,
  groundTruthQuerySchema,
  invalidateBodySchema,
  orgPatchSchema,
  orgSpecSchema,
  seedBodySchema,
  type FaultSpec,
  type OrgPatch,
} from './control-schemas.ts';
import type { FaultView, TokenAnswer } from './faults.ts';
import type { GroundTruthQuery, GroundTruthView } from './ground-truth.ts';
import type { Org, OrgSettings } from './orgs.ts';
import type { WindowUsage } from './rolling-window.ts';
import type { SandboxState } from './sandbox-state.ts';

/** OrgInfo plus what the control API knows about the org right now. */
export interface OrgView extends OrgInfo {
  settings: OrgSettings;
  usage: WindowUsage;
  faults: { callFaults: FaultView[]; invalidSessionsLeft: number; maxInFlight: number | null; tokenAnswer?: TokenAnswer };
  createdAt: string;
}

/** Operations of `/_sandbox`, callable in process. `baseUrl` overrides the instance URL reported. */
export interface SandboxControl {
  createOrg(spec?: OrgSpec, baseUrl?: string): OrgInfo;
  getOrg(orgId: string, baseUrl?: string): OrgView;
  listOrgs(baseUrl?: string): OrgView[];
  deleteOrg(orgId: string): void;
  resetOrg(orgId: string): void;
  updateOrg(orgId: string, patch: OrgPatch, baseUrl?: string): OrgView;
  seed(orgId: string, object: string, records: Record<string, unknown>[] | { records: Record<string, unknown>[] }): { ids: string[] };
  addCustomFields(orgId: string, fields: CustomFieldSpec | CustomFieldSpec[] | { fields: CustomFieldSpec[] }): { added: number };
  addFault(orgId: string, fault: FaultSpec): { id: string };
  /** Define an Apex REST class of the org at `urlMapping` (`/services/apexrest/<urlMapping>`). */
  defineApexRest(orgId: string, spec: ApexRestSpec): { urlMapping: string };
  clearFaults(orgId: string): void;
  invalidateSessions(orgId: string, options?: { accessToken?: string }): { invalidated: number };
  groundTruth(orgId: string, query?: GroundTruthQuery): GroundTruthView;
  /** Requests under /services/ that no org could be tied to (bad tokens, unknown clients, versions list). */
  unattributedGroundTruth(query?: GroundTruthQuery): GroundTruthView;
  usage(orgId: string): WindowUsage;
  /** Move a ManualClock forward (ControlError 409 with the system clock). */
  advanceClock(ms: number): { now: number };
  now(): number;
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ControlError(400, 'INVALID_INPUT', describeZodError(result.error));
  return result.data;
}

/** Build the control API over a sandbox's state; `publicUrl` gives the default instance URL. */
export function createControl(state: SandboxState, publicUrl: () => string): SandboxControl {
  const find = (orgId: string): Org => {
    const org = state.orgs.get(orgId);
    if (!org) throw orgNotFound(orgId);
    return org;
  };
  const info = (org: Org, baseUrl = publicUrl()): OrgInfo => {
    // OrgInfo promises a ready token: replace it if the control API invalidated it.
    if (!state.sessions.resolveAccess(org.readyToken)) org.readyToken = state.sessions.issueAccess({ orgId: org.orgId, userId: org.userId });
    const { orgId, userId, username, password, clientId, clientSecret } = org;
    return { orgId, userId, username, password, clientId, clientSecret, accessToken: org.readyToken, instanceUrl: baseUrl, loginUrl: baseUrl };
  };
  const view = (org: Org, baseUrl?: string): OrgView => ({
    ...info(org, baseUrl),
    settings: { ...org.settings },
    usage: org.window.usage(state.clock.now()),
    faults: org.faults.list(),
    createdAt: new Date(org.createdAt).toISOString(),
  });

  return {
    createOrg: (spec = {}, baseUrl) => info(state.orgs.create(parse(orgSpecSchema, spec)), baseUrl),
    getOrg: (orgId, baseUrl) => view(find(orgId), baseUrl),
    listOrgs: (baseUrl) => state.orgs.list().map((org) => view(org, baseUrl)),
    deleteOrg: (orgId) => {
      if (!state.orgs.delete(orgId)) throw orgNotFound(orgId);
    },
    resetOrg: (orgId) => state.orgs.reset(find(orgId)),
    updateOrg: (orgId, patch, baseUrl) => {
      const org = find(orgId);
      state.orgs.update(org, parse(orgPatchSchema, patch));
      return view(org, baseUrl);
    },
    seed: (orgId, object, body) => {
      const org = find(orgId);
      const parsed = parse(seedBodySchema, body);
      const result = org.data.seed(object, Array.isArray(parsed) ? parsed : parsed.records);
      if ('error' in result) throw new ControlError(400, result.error.errorCode, result.error.message);
      return result;
    },
    addCustomFields: (orgId, body) => {
      const org = find(orgId);
      const parsed = parse(customFieldsBodySchema, body);
      const fields = Array.isArray(parsed) ? parsed : 'fields' in parsed ? parsed.fields : [parsed];
      for (const field of fields) {
        const added = org.data.addCustomField(field);
        if ('error' in added) throw new ControlError(400, added.error.errorCode, `${field.object}.${field.name}: ${added.error.message}`);
      }
      return { added: fields.length };
    },
    addFault: (orgId, fault) => ({ id: find(orgId).faults.add(parse(faultSpecSchema, fault)) }),
    clearFaults: (orgId) => find(orgId).faults.clear(),
    defineApexRest: (orgId, spec) => {
      const org = find(orgId);
      const def = parse(apexRestSpecSchema, spec);
      org.apexRest.define(def);
      return { urlMapping: def.urlMapping };
    },
    invalidateSessions: (orgId, options = {}) => {
      const org = find(orgId);
      const { accessToken } = parse(invalidateBodySchema, options);
      const invalidated = accessToken === undefined ? state.sessions.invalidateOrg(org.orgId) : Number(state.sessions.invalidateAccess(org.orgId, accessToken));
      return { invalidated };
    },
    groundTruth: (orgId, query = {}) => find(orgId).log.view(parse(groundTruthQuerySchema, query)),
    unattributedGroundTruth: (query = {}) => state.unattributed.view(parse(groundTruthQuerySchema, query)),
    usage: (orgId) => find(orgId).window.usage(state.clock.now()),
    advanceClock: (ms) => {
      const { clock } = state;
      if (!(clock instanceof ManualClock)) throw new ControlError(409, 'CLOCK_NOT_MANUAL', 'this sandbox runs on the system clock; start it with a ManualClock to move time');
      return { now: clock.advance(parse(advanceBodySchema, { ms }).ms) };
    },
    now: () => state.clock.now(),
  };
}
