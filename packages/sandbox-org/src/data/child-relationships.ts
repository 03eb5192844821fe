/**
 * Child relationships: every lookup field of the catalogue seen from the parent side, as describe's
 * `childRelationships` lists them and SOQL subqueries name them (`SELECT Name, (SELECT LastName FROM
 * Contacts) FROM Account`). The names are Salesforce's standard ones; lookups Salesforce gives no
 * child relationship name (audit fields, MasterRecordId, converted-lead lookups…) are listed with null.
 */
import type { Catalogue } from './catalogue.ts';

/** `Child.Field` → the relationship name on the parent. */
const NAMES: Readonly<Record<string, string>> = {
  'Account.ParentId': 'ChildAccounts',
  'Contact.AccountId': 'Contacts',
  'Opportunity.AccountId': 'Opportunities',
  'Opportunity.CampaignId': 'Opportunities',
  'Campaign.ParentId': 'ChildCampaigns',
  'Event.WhatId': 'Events',
  'Event.WhoId': 'Events',
};

/** One entry of describe's `childRelationships`. */
export interface ChildRelationship {
  cascadeDelete: boolean;
  childSObject: string;
  deprecatedAndHidden: boolean;
  field: string;
  junctionIdListNames: string[];
  junctionReferenceTo: string[];
  relationshipName: string | null;
  restrictedDelete: boolean;
}

/** The child relationships of `parent` (canonical name), in catalogue then field order. */
export function childRelationshipsOf(catalogue: Catalogue, parent: string): ChildRelationship[] {
  const out: ChildRelationship[] = [];
  for (const child of catalogue.all()) {
    for (const f of child.fields) {
      if (f.type !== 'reference' || !f.referenceTo.includes(parent)) continue;
      out.push({
        cascadeDelete: false,
        childSObject: child.name,
        deprecatedAndHidden: false,
        field: f.name,
        junctionIdListNames: [],
        junctionReferenceTo: [],
        relationshipName: NAMES[`${child.name}.${f.name}`] ?? null,
        restrictedDelete: false,
      });
    }
  }
  return out;
}
