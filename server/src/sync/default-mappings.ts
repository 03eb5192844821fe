/** Field mappings a new org starts with: CRM field → Salesforce field, and who wins a conflict. */
import type { ConflictRule, RelationshipName } from './relationships.ts';

export interface FieldMapping {
  /** The CRM's field name. */
  crmField: string;
  /** The Salesforce field, or null when the admin set it to Unassigned / Do not include. */
  salesforceField: string | null;
  conflict: ConflictRule;
}

const m = (crmField: string, salesforceField: string, conflict: ConflictRule = 'recent'): FieldMapping => ({ crmField, salesforceField, conflict });

export const DEFAULT_MAPPINGS: Record<RelationshipName, FieldMapping[]> = {
  accounts: [m('name', 'Name'), m('phone', 'Phone'), m('website', 'Website'), m('industry', 'Industry'), m('employees', 'NumberOfEmployees')],
  campaigns: [m('name', 'Name'), m('status', 'Status'), m('type', 'Type'), m('isActive', 'IsActive'), m('startDate', 'StartDate')],
  opportunities: [m('name', 'Name'), m('stage', 'StageName'), m('amount', 'Amount'), m('closeDate', 'CloseDate'), m('accountId', 'AccountId')],
  leads: [
    m('firstName', 'FirstName'),
    m('lastName', 'LastName'),
    m('email', 'Email'),
    m('phone', 'Phone', 'crm'),
    m('company', 'Company'),
    m('title', 'Title'),
    m('status', 'Status'),
    m('source', 'LeadSource'),
    m('city', 'City'),
    m('country', 'Country'),
  ],
  contacts: [m('firstName', 'FirstName'), m('lastName', 'LastName'), m('email', 'Email'), m('phone', 'Phone', 'crm'), m('title', 'Title'), m('accountId', 'AccountId'), m('city', 'MailingCity')],
  'custom-fields': [],
  'lead-score': [m('score', 'Lead_Score__c', 'crm')],
  events: [m('subject', 'Subject'), m('start', 'StartDateTime'), m('end', 'EndDateTime'), m('whoId', 'WhoId'), m('location', 'Location'), m('description', 'Description')],
};
