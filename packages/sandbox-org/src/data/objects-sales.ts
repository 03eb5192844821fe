/** Account, Contact, Lead and Opportunity, with the standard fields a sync touches. */
import { field, picklist, readOnly, reference } from './fields.ts';
import type { ObjectDef } from './fields.ts';
import { addressFields, derivePersonName, INDUSTRIES, LEAD_SOURCES, personNameFields, RATINGS, standardObject } from './objects-common.ts';

const LONG_TEXT = { length: 32000 };

/** Account (001). */
export const ACCOUNT: ObjectDef = standardObject({ name: 'Account', label: 'Account', labelPlural: 'Accounts', keyPrefix: '001' }, [
  readOnly('MasterRecordId', 'reference', { referenceTo: ['Account'], relationshipName: 'MasterRecord', defaultedOnCreate: false }),
  field('Name', 'string', { label: 'Account Name', nillable: false, nameField: true }),
  picklist('Type', ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller', 'Installation Partner', 'Technology Partner', 'Other']),
  reference('ParentId', ['Account']),
  ...addressFields('Billing'),
  ...addressFields('Shipping'),
  field('Phone', 'phone'),
  field('Fax', 'phone'),
  field('AccountNumber', 'string', { length: 40 }),
  field('Website', 'url'),
  field('Sic', 'string', { length: 20, label: 'SIC Code' }),
  picklist('Industry', INDUSTRIES),
  field('AnnualRevenue', 'currency', { scale: 0 }),
  field('NumberOfEmployees', 'int', { digits: 8, label: 'Employees' }),
  picklist('Ownership', ['Public', 'Private', 'Subsidiary', 'Other']),
  field('TickerSymbol', 'string', { length: 20 }),
  field('Description', 'textarea', LONG_TEXT),
  picklist('Rating', RATINGS),
  field('Site', 'string', { length: 80, label: 'Account Site' }),
  picklist('AccountSource', LEAD_SOURCES),
]);

/** Contact (003): Name computed from FirstName + LastName. */
export const CONTACT: ObjectDef = {
  ...standardObject({ name: 'Contact', label: 'Contact', labelPlural: 'Contacts', keyPrefix: '003' }, [
    readOnly('MasterRecordId', 'reference', { referenceTo: ['Contact'], relationshipName: 'MasterRecord', defaultedOnCreate: false }),
    reference('AccountId', ['Account'], { label: 'Account ID' }),
    ...personNameFields(),
    ...addressFields('Mailing'),
    field('Phone', 'phone', { label: 'Business Phone' }),
    field('Fax', 'phone', { label: 'Business Fax' }),
    field('MobilePhone', 'phone'),
    field('HomePhone', 'phone'),
    field('OtherPhone', 'phone'),
    reference('ReportsToId', ['Contact'], { label: 'Reports To ID' }),
    field('Email', 'email'),
    field('Title', 'string', { length: 128 }),
    field('Department', 'string', { length: 80 }),
    picklist('LeadSource', LEAD_SOURCES),
    field('Birthdate', 'date'),
    field('Description', 'textarea', LONG_TEXT),
    field('HasOptedOutOfEmail', 'boolean', { label: 'Email Opt Out' }),
    field('DoNotCall', 'boolean'),
  ]),
  derive: derivePersonName,
};

/** Lead (00Q): LastName and Company required, Status defaulted. */
export const LEAD: ObjectDef = {
  ...standardObject({ name: 'Lead', label: 'Lead', labelPlural: 'Leads', keyPrefix: '00Q' }, [
    readOnly('MasterRecordId', 'reference', { referenceTo: ['Lead'], relationshipName: 'MasterRecord', defaultedOnCreate: false }),
    ...personNameFields(),
    field('Title', 'string', { length: 128 }),
    field('Company', 'string', { nillable: false }),
    ...addressFields(),
    field('Phone', 'phone'),
    field('MobilePhone', 'phone'),
    field('Fax', 'phone'),
    field('Email', 'email'),
    field('Website', 'url'),
    field('Description', 'textarea', LONG_TEXT),
    picklist('LeadSource', LEAD_SOURCES),
    picklist('Status', ['*Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'], { nillable: false, restrictedPicklist: true }),
    picklist('Industry', INDUSTRIES),
    picklist('Rating', RATINGS),
    field('AnnualRevenue', 'currency', { scale: 0 }),
    field('NumberOfEmployees', 'int', { digits: 8, label: 'Employees' }),
    field('HasOptedOutOfEmail', 'boolean', { label: 'Email Opt Out' }),
    field('DoNotCall', 'boolean'),
    readOnly('IsConverted', 'boolean', { label: 'Converted', nillable: false }),
    readOnly('ConvertedDate', 'date', { defaultedOnCreate: false }),
    readOnly('ConvertedAccountId', 'reference', { referenceTo: ['Account'], relationshipName: 'ConvertedAccount', defaultedOnCreate: false }),
    readOnly('ConvertedContactId', 'reference', { referenceTo: ['Contact'], relationshipName: 'ConvertedContact', defaultedOnCreate: false }),
    readOnly('ConvertedOpportunityId', 'reference', { referenceTo: ['Opportunity'], relationshipName: 'ConvertedOpportunity', defaultedOnCreate: false }),
    field('IsUnreadByOwner', 'boolean', { label: 'Unread By Owner' }),
  ]),
  derive: derivePersonName,
};

const STAGES: Array<[string, number]> = [
  ['Prospecting', 10],
  ['Qualification', 10],
  ['Needs Analysis', 20],
  ['Value Proposition', 50],
  ['Id. Decision Makers', 60],
  ['Perception Analysis', 70],
  ['Proposal/Price Quote', 75],
  ['Negotiation/Review', 90],
  ['Closed Won', 100],
  ['Closed Lost', 0],
];
const STAGE_PROBABILITY = new Map(STAGES);

/** Opportunity (006): IsClosed, IsWon, Probability and ExpectedRevenue follow the stage. */
export const OPPORTUNITY: ObjectDef = {
  ...standardObject({ name: 'Opportunity', label: 'Opportunity', labelPlural: 'Opportunities', keyPrefix: '006' }, [
    reference('AccountId', ['Account'], { label: 'Account ID' }),
    field('IsPrivate', 'boolean', { label: 'Private' }),
    field('Name', 'string', { length: 120, nillable: false, nameField: true }),
    field('Description', 'textarea', LONG_TEXT),
    picklist(
      'StageName',
      STAGES.map(([s]) => s),
      { label: 'Stage', nillable: false, restrictedPicklist: true },
    ),
    field('Amount', 'currency'),
    field('Probability', 'percent', { precision: 3, scale: 0, label: 'Probability (%)', defaultedOnCreate: true }),
    readOnly('ExpectedRevenue', 'currency', { calculated: true, label: 'Expected Amount' }),
    field('CloseDate', 'date', { nillable: false }),
    picklist('Type', ['Existing Customer - Upgrade', 'Existing Customer - Replacement', 'Existing Customer - Downgrade', 'New Customer'], { label: 'Opportunity Type' }),
    field('NextStep', 'string'),
    picklist('LeadSource', LEAD_SOURCES),
    readOnly('IsClosed', 'boolean', { label: 'Closed', nillable: false }),
    readOnly('IsWon', 'boolean', { label: 'Won', nillable: false }),
    reference('CampaignId', ['Campaign'], { label: 'Campaign ID' }),
  ]),
  derive: (record, changed) => {
    const stage = record['StageName'];
    record['IsClosed'] = stage === 'Closed Won' || stage === 'Closed Lost';
    record['IsWon'] = stage === 'Closed Won';
    // A stage change resets Probability to the stage's default unless the client set it too.
    if (typeof stage === 'string' && (record['Probability'] == null || (changed.has('StageName') && !changed.has('Probability')))) {
      record['Probability'] = STAGE_PROBABILITY.get(stage) ?? null;
    }
    const amount = record['Amount'];
    const probability = record['Probability'];
    record['ExpectedRevenue'] = typeof amount === 'number' && typeof probability === 'number' ? Math.round(amount * probability) / 100 : null;
  },
};
