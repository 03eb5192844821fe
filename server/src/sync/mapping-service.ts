/**
 * The mapping page: Salesforce fields from cached describes next to the org's mappings, and saving
 * mappings after checking each Salesforce field exists and can be written where the sync writes.
 */
import { Problem } from '../errors.ts';
import type { Org } from '../orgs/org.ts';
import type { OrgRepository } from '../orgs/org-repository.ts';
import { changeOrg } from '../orgs/org-change.ts';
import type { CallContext } from '../salesforce/call-context.ts';
import type { FieldMapping } from './default-mappings.ts';
import { describeObject, type DescribeDeps, type FieldInfo } from './describe-cache.ts';
import type { MappingPutInput } from './mapping-input.ts';
import type { Relationship } from './relationships.ts';

export interface MappingPage {
  relationship: string;
  direction: Relationship['direction'];
  objects: { name: string; fields: Omit<FieldInfo, 'idLookup'>[] }[];
  mappings: FieldMapping[];
}

type Described = { name: string; fields: FieldInfo[] };

/** Only custom (`__c`) fields are candidates for these relationships. */
const customOnly = (relationship: Relationship): boolean => relationship.name === 'custom-fields' || relationship.name === 'lead-score';

async function describeAll(deps: DescribeDeps, org: Org, relationship: Relationship): Promise<Described[]> {
  // The admin is waiting: interactive priority, which keeps working after the sync is paused.
  const context: CallContext = { relationship: relationship.name, direction: 'settings', priority: 'interactive' };
  const results = await Promise.all(relationship.objects.map((object) => describeObject(deps, org, object, context)));
  return results.map((r) => ({ name: r.describe.object, fields: customOnly(relationship) ? r.describe.fields.filter((f) => f.custom) : r.describe.fields }));
}

function page(org: Org, relationship: Relationship, described: Described[]): MappingPage {
  return {
    relationship: relationship.name,
    direction: relationship.direction,
    objects: described.map((o) => ({ name: o.name, fields: o.fields.map(({ idLookup: _, ...field }) => field) })),
    mappings: org.mappings[relationship.name],
  };
}

/** GET: the page data; with a warm describe cache it costs no call. */
export async function mappingPage(deps: DescribeDeps, org: Org, relationship: Relationship): Promise<MappingPage> {
  return page(org, relationship, await describeAll(deps, org, relationship));
}

/** Why a mapping cannot be saved, or its Salesforce field with the describe's spelling. */
function checkField(relationship: Relationship, described: Described[], m: FieldMapping): string | { canonical: string | null } {
  if (m.salesforceField === null) return { canonical: null };
  const wanted = m.salesforceField.toLowerCase();
  const found = described.map((o) => o.fields.find((f) => f.name.toLowerCase() === wanted)).filter((f): f is FieldInfo => f !== undefined);
  const where = described.map((o) => o.name).join(' or ');
  if (found.length === 0) return customOnly(relationship) ? `no custom field ${m.salesforceField} on ${where}` : `no field ${m.salesforceField} on ${where}`;
  if (relationship.direction !== 'pull' && !found.some((f) => f.createable || f.updateable)) return `${m.salesforceField} is read-only in Salesforce; the sync cannot write it`;
  return { canonical: found[0]!.name };
}

/** PUT: validate against the describes, then save the org with the new mappings. */
export async function saveMappings(deps: DescribeDeps & { orgs: OrgRepository }, org: Org, relationship: Relationship, input: MappingPutInput, now = new Date()): Promise<MappingPage> {
  const described = await describeAll(deps, org, relationship);
  const errors: { location: string; message: string }[] = [];
  const seenTargets = new Set<string>();
  const mappings: FieldMapping[] = input.mappings.map((m, i) => {
    const checked = checkField(relationship, described, m);
    if (typeof checked === 'string') {
      errors.push({ location: `body/mappings/${i}/salesforceField`, message: checked });
      return m;
    }
    // Two CRM fields writing one Salesforce field would overwrite each other on every push.
    if (checked.canonical !== null && relationship.direction !== 'pull') {
      if (seenTargets.has(checked.canonical)) errors.push({ location: `body/mappings/${i}/salesforceField`, message: `${checked.canonical} is already mapped` });
      seenTargets.add(checked.canonical);
    }
    return { crmField: m.crmField, salesforceField: checked.canonical, conflict: m.conflict };
  });
  if (relationship.name === 'lead-score' && mappings.length > 1) errors.push({ location: 'body/mappings', message: 'lead-score maps exactly one score field' });
  if (errors.length > 0) throw new Problem('VALIDATION_FAILED', `Invalid body: ${errors[0]!.location} ${errors[0]!.message}`, { errors });
  // Compare-and-set: a change made meanwhile (a budget PATCH) is kept; checked against these describes, the
  // mappings apply to a newer version only while it still points at the same Salesforce org.
  const { after } = await changeOrg(deps.orgs, org, (current) => ({ ...current, mappings: { ...current.mappings, [relationship.name]: mappings } }), {
    now,
    stillApplies: (current, start) => current.sealedCredentials === start.sealedCredentials,
  });
  return page(after, relationship, described);
}
