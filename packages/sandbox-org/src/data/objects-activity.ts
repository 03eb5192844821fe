/** Campaign, Event and a minimal User (the org's single admin user). */
import { field, picklist, readOnly, reference } from './fields.ts';
import type { ObjectDef } from './fields.ts';
import { derivePersonName, personNameFields, standardObject } from './objects-common.ts';
import { formatDate, formatDateTime, parseDateTime } from './values.ts';

/** Campaign (701). */
export const CAMPAIGN: ObjectDef = standardObject({ name: 'Campaign', label: 'Campaign', labelPlural: 'Campaigns', keyPrefix: '701' }, [
  field('Name', 'string', { length: 80, nillable: false, nameField: true }),
  reference('ParentId', ['Campaign'], { label: 'Parent Campaign ID' }),
  picklist('Type', ['Conference', 'Webinar', 'Trade Show', 'Public Relations', 'Partners', 'Referral Program', 'Advertisement', 'Banner Ads', 'Direct Mail', 'Email', 'Telemarketing', 'Other']),
  picklist('Status', ['*Planned', 'In Progress', 'Completed', 'Aborted'], { restrictedPicklist: true }),
  field('StartDate', 'date'),
  field('EndDate', 'date'),
  field('ExpectedRevenue', 'currency', { scale: 0, label: 'Expected Revenue in Campaign' }),
  field('BudgetedCost', 'currency', { scale: 0, label: 'Budgeted Cost in Campaign' }),
  field('ActualCost', 'currency', { scale: 0, label: 'Actual Cost in Campaign' }),
  field('ExpectedResponse', 'percent', { precision: 10, scale: 2, label: 'Expected Response (%)' }),
  field('NumberSent', 'double', { label: 'Num Sent in Campaign' }),
  field('IsActive', 'boolean', { label: 'Active' }),
  field('Description', 'textarea', { length: 32000 }),
  readOnly('NumberOfLeads', 'int', { label: 'Leads in Campaign' }),
  readOnly('NumberOfContacts', 'int', { label: 'Contacts in Campaign' }),
  readOnly('NumberOfOpportunities', 'int', { label: 'Opportunities in Campaign' }),
]);

const MINUTE = 60_000;

/** Keep ActivityDateTime/StartDateTime, DurationInMinutes/EndDateTime and ActivityDate in step. */
function deriveEvent(record: Record<string, unknown>, changed: ReadonlySet<string>): void {
  if (changed.has('StartDateTime') && !changed.has('ActivityDateTime')) record['ActivityDateTime'] = record['StartDateTime'];
  record['StartDateTime'] = record['ActivityDateTime'] ?? null;
  const start = parseDateTime(record['ActivityDateTime']);
  const end = parseDateTime(record['EndDateTime']);
  const endWins = changed.has('EndDateTime') && !changed.has('DurationInMinutes');
  if (start !== undefined && end !== undefined && (endWins || record['DurationInMinutes'] == null)) {
    record['DurationInMinutes'] = Math.round((end - start) / MINUTE);
  }
  const duration = record['DurationInMinutes'];
  if (start !== undefined && typeof duration === 'number') {
    record['EndDateTime'] = formatDateTime(start + duration * MINUTE);
  }
  if (start !== undefined) record['ActivityDate'] = formatDate(start);
  record['EndDate'] = typeof record['EndDateTime'] === 'string' ? String(record['EndDateTime']).slice(0, 10) : null;
  if (typeof record['WhatId'] === 'string' && String(record['WhatId']).startsWith('001')) record['AccountId'] = record['WhatId'];
}

/** Event (00U): needs a start and a duration or end; the rest is derived. */
export const EVENT: ObjectDef = {
  ...standardObject(
    { name: 'Event', label: 'Event', labelPlural: 'Events', keyPrefix: '00U' },
    [
      reference('WhoId', ['Contact', 'Lead'], { label: 'Name ID' }),
      reference('WhatId', ['Account', 'Opportunity', 'Campaign'], { label: 'Related To ID' }),
      field('Subject', 'string', { nameField: true }),
      field('Location', 'string'),
      field('IsAllDayEvent', 'boolean', { label: 'All-Day Event' }),
      field('ActivityDateTime', 'datetime', { label: 'Due Date Time' }),
      field('ActivityDate', 'date', { label: 'Due Date Only' }),
      field('DurationInMinutes', 'int', { digits: 8, label: 'Duration' }),
      field('StartDateTime', 'datetime', { label: 'Start Date Time' }),
      field('EndDateTime', 'datetime', { label: 'End Date Time' }),
      readOnly('EndDate', 'date', { label: 'End', defaultedOnCreate: false }),
      field('Description', 'textarea', { length: 32000 }),
      readOnly('AccountId', 'reference', { referenceTo: ['Account'], relationshipName: 'Account', label: 'Account ID' }),
      picklist('Type', ['Call', 'Email', 'Meeting', 'Other']),
      field('IsPrivate', 'boolean', { label: 'Private' }),
      picklist('ShowAs', ['*Busy', 'OutOfOffice', 'Free'], { label: 'Show Time As' }),
      readOnly('IsChild', 'boolean', { nillable: false }),
    ],
    { activity: false },
  ),
  derive: deriveEvent,
  missingOnCreate: (record) => {
    const missing: string[] = [];
    const allDay = record['IsAllDayEvent'] === true;
    if (record['ActivityDateTime'] == null && record['StartDateTime'] == null && !(allDay && record['ActivityDate'] != null)) {
      missing.push('ActivityDateTime');
    }
    if (!allDay && record['DurationInMinutes'] == null && record['EndDateTime'] == null) missing.push('DurationInMinutes');
    return missing;
  },
};

/** Minimal User: the sandbox has exactly one (the org admin); the API cannot create users here. */
export const USER: ObjectDef = {
  ...standardObject(
    {
      name: 'User',
      label: 'User',
      labelPlural: 'Users',
      keyPrefix: '005',
      createable: false,
      updateable: false,
      deletable: false,
    },
    [
      field('Username', 'string', { length: 80, nillable: false, unique: true, idLookup: true }),
      ...personNameFields(),
      field('CompanyName', 'string', { length: 80 }),
      field('Email', 'email', { length: 128, nillable: false }),
      field('Alias', 'string', { length: 8, nillable: false }),
      field('IsActive', 'boolean', { label: 'Active', defaultValue: true }),
      picklist('TimeZoneSidKey', ['America/Los_Angeles', 'America/New_York', 'Europe/London', 'GMT'], { nillable: false }),
      picklist('LocaleSidKey', ['en_US', 'en_GB', 'de_DE', 'fr_FR'], { nillable: false }),
      readOnly('UserType', 'picklist', { picklistValues: [{ value: 'Standard', label: 'Standard', active: true, defaultValue: true }] }),
    ],
    { owner: false, activity: false },
  ),
  derive: derivePersonName,
};
