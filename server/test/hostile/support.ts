/**
 * Fixtures of the hostile-input tests: a sandbox org and an API over the test Redis, an org
 * connected to the sandbox with one key of every kind, the problem+json (or, for Salesforce clients,
 * Salesforce error) check every refusal must pass, and the sandbox's call totals. The raw HTTP client is in ../support/raw-http.ts.
 */
import { startSandbox, type RunningSandbox } from '../support/sandbox.ts';
import type { CustomFieldSpec, OrgInfo, OrgSpec } from '../support/sandbox.ts';
import type { ServiceOptions } from '../../src/services.ts';
import { problemCatalogue } from '../../src/errors.ts';
import { isSalesforceClientPath, SALESFORCE_ERRORS, SALESFORCE_JSON } from '../../src/passthrough/salesforce-errors.ts';
import { connectedOrg, startApi, uniqueOrgId, type RunningApi } from '../support/api.ts';

/** Custom fields of the test org, so custom-fields and lead-score have something to map. */
export const HOSTILE_FIELDS: CustomFieldSpec[] = [
  { object: 'Lead', name: 'Lead_Score__c', type: 'double' },
  { object: 'Contact', name: 'Lead_Score__c', type: 'double' },
  { object: 'Lead', name: 'Favorite_Color__c', type: 'string' },
];

/** Keys of every kind the fuzz sends; `otherOrg` is an administrator of another org. */
export interface HostileKeys {
  operator: string;
  administrator: string;
  salesperson: string;
  sync: string;
  widget: string;
  otherOrg: string;
  revoked: string;
}

export interface HostileWorld {
  sandbox: RunningSandbox;
  api: RunningApi;
  orgId: string;
  sf: OrgInfo;
  otherOrgId: string;
  keys: HostileKeys;
  close(): Promise<void>;
}

/** Start the sandbox and the API, connect an org, issue its keys. */
export async function startHostileWorld(redisUrl: string, options: { services?: ServiceOptions; spec?: OrgSpec } = {}): Promise<HostileWorld> {
  const sandbox = await startSandbox();
  let closing = false;
  const api = await startApi({
    redisUrl,
    services: {
      onBackgroundError: (error: unknown) => {
        if (!closing) console.error('background task failed', error);
      },
      ...options.services,
    },
  });
  const { orgId, sf } = await connectedOrg(api, sandbox, { spec: { customFields: HOSTILE_FIELDS, ...options.spec }, id: uniqueOrgId('hostile') });
  const otherOrgId = uniqueOrgId('hostile-other');
  const created = await api.app.inject({ method: 'POST', url: '/v1/orgs', headers: { authorization: `Bearer ${api.adminKey}` }, payload: { id: otherOrgId, name: 'Other' } });
  if (created.statusCode !== 201) throw new Error(`creating the other org failed: ${created.statusCode} ${created.body}`);
  const issue = async (org: string, body: Record<string, string>): Promise<{ id: string; secret: string }> => {
    const response = await api.app.inject({ method: 'POST', url: `/v1/orgs/${org}/keys`, headers: { authorization: `Bearer ${api.adminKey}` }, payload: body });
    if (response.statusCode !== 201) throw new Error(`issuing a key failed: ${response.statusCode} ${response.body}`);
    return response.json<{ id: string; secret: string }>();
  };
  const revoked = await issue(orgId, { kind: 'sync', name: 'revoked' });
  const gone = await api.app.inject({ method: 'DELETE', url: `/v1/orgs/${orgId}/keys/${revoked.id}`, headers: { authorization: `Bearer ${api.adminKey}` } });
  if (gone.statusCode !== 204) throw new Error(`revoking failed: ${gone.statusCode}`);
  const keys: HostileKeys = {
    operator: api.adminKey,
    administrator: (await issue(orgId, { kind: 'admin', role: 'administrator' })).secret,
    salesperson: (await issue(orgId, { kind: 'admin', role: 'salesperson' })).secret,
    sync: (await issue(orgId, { kind: 'sync' })).secret,
    widget: (await issue(orgId, { kind: 'widget' })).secret,
    otherOrg: (await issue(otherOrgId, { kind: 'admin', role: 'administrator' })).secret,
    revoked: revoked.secret,
  };
  return {
    sandbox,
    api,
    orgId,
    sf,
    otherOrgId,
    keys,
    async close() {
      closing = true;
      await api.close();
      await sandbox.close();
    },
  };
}

/** Requests the sandbox received: for the org, and for no org at all (bad tokens, versions list). */
export function sandboxTotals(world: Pick<HostileWorld, 'sandbox' | 'sf'>): { org: number; counted: number; unattributed: number } {
  const truth = world.sandbox.control.groundTruth(world.sf.orgId, { limit: 0 });
  return { org: truth.total, counted: truth.counted, unattributed: world.sandbox.control.unattributedGroundTruth({ limit: 0 }).total };
}

const CATALOGUE = new Map(problemCatalogue().map((p) => [p.code, p.status]));

/** What a response looks like to the checks, whichever way it was sent. */
export interface SeenResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

/**
 * Why a response is not a proper refusal, or undefined: a 4xx (never 5xx), typed
 * application/problem+json, whose body has a catalogued `code` matching the status. On the paths
 * Salesforce clients use (`url` given), Salesforce's error array instead, with a status and errorCode
 * from the table in passthrough/salesforce-errors.ts; `parserMayRefuse`: bytes Node's HTTP parser
 * refused never reach a route and are answered problem+json whatever the path.
 */
export function refusalProblem(method: string, response: SeenResponse, url?: string, options: { parserMayRefuse?: boolean } = {}): string | undefined {
  if (response.status >= 500) return `server error ${response.status}: ${response.body.slice(0, 300)}`;
  if (response.status < 400) return `not refused: ${response.status} ${response.body.slice(0, 200)}`;
  const type = String(response.headers['content-type'] ?? '');
  if (url !== undefined && isSalesforceClientPath(url) && !(options.parserMayRefuse && type.startsWith('application/problem+json'))) return salesforceRefusalProblem(method, response);
  if (!type.startsWith('application/problem+json')) return `${response.status} typed ${JSON.stringify(type)}: ${response.body.slice(0, 200)}`;
  if (method === 'HEAD') return undefined;
  let body: { code?: unknown; status?: unknown };
  try {
    body = JSON.parse(response.body) as { code?: unknown; status?: unknown };
  } catch {
    return `${response.status} body is not JSON: ${response.body.slice(0, 200)}`;
  }
  if (typeof body.code !== 'string' || !CATALOGUE.has(body.code)) return `${response.status} without a catalogued code: ${response.body.slice(0, 200)}`;
  if (CATALOGUE.get(body.code) !== response.status || body.status !== response.status) return `${response.status} but code ${body.code} (status ${String(body.status)})`;
  return undefined;
}

function salesforceRefusalProblem(method: string, response: SeenResponse): string | undefined {
  if (response.headers['content-type'] !== SALESFORCE_JSON) return `${response.status} typed ${JSON.stringify(response.headers['content-type'])} on a Salesforce client path: ${response.body.slice(0, 200)}`;
  if (method === 'HEAD') return undefined;
  return refusedCodes(response).length > 0 ? undefined : `${response.status} is not one of our Salesforce errors: ${response.body.slice(0, 200)}`;
}

/** The statuses a refusal for problem `code` may have at `url` (a bodiless HEAD answer has nothing else to check). */
export function refusalStatuses(code: string, url: string): number[] {
  if (!isSalesforceClientPath(url)) return [CATALOGUE.get(code) ?? 0];
  const mapped = SALESFORCE_ERRORS[code as keyof typeof SALESFORCE_ERRORS]?.status ?? 0;
  return code === 'NOT_FOUND' ? [mapped, 403] : [mapped];
}

/**
 * The problem codes a refusal stands for: its `code` (problem+json), or every code the Salesforce
 * error table maps to its status and errorCode (a key refused for the org is NOT_FOUND's 403).
 */
export function refusedCodes(response: SeenResponse): string[] {
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return [];
  }
  if (!Array.isArray(body)) return typeof (body as { code?: unknown })?.code === 'string' ? [(body as { code: string }).code] : [];
  const first = body[0] as { errorCode?: unknown; message?: unknown } | undefined;
  if (body.length !== 1 || typeof first?.errorCode !== 'string' || typeof first.message !== 'string') return [];
  const codes = Object.entries(SALESFORCE_ERRORS)
    .filter(([, mapped]) => mapped.status === response.status && mapped.errorCode === first.errorCode)
    .map(([code]) => code);
  return response.status === 403 && first.errorCode === 'INSUFFICIENT_ACCESS' ? [...codes, 'NOT_FOUND'] : codes;
}
