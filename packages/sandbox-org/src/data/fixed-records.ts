/**
 * The records every org has from its start and keeps through a reset: its one user (so OwnerId and
 * CreatedById lookups and `SELECT … FROM User` work) and its Organization row (id = the org's id).
 */
import { bareRecord } from './bare-record.ts';
import { ORGANIZATION_VALUES } from './objects-organization.ts';
import type { StoredRecord } from './record-store.ts';
import { formatDateTime } from './values.ts';
import type { WriteTarget } from './write-target.ts';

/** What seeding needs of an org (SandboxOrg implements it; importing SandboxOrg here would be a cycle). */
interface FixedRecordsTarget extends WriteTarget {
  readonly orgId: string;
  readonly username: string;
}

/** A row with every field of the object at its default, then the given values. */
function row(org: FixedRecordsTarget, object: string, values: Record<string, unknown>): StoredRecord {
  const schema = org.catalogue.get(object)!;
  const record: StoredRecord = bareRecord();
  for (const f of schema.fields) record[f.name] = f.defaultValue ?? null;
  const now = formatDateTime(org.clock.now());
  const audit = { CreatedDate: now, CreatedById: org.userId, LastModifiedDate: now, LastModifiedById: org.userId, SystemModstamp: org.nextStamp() };
  return Object.assign(record, audit, values);
}

/** Put the org's user and Organization row into its (empty) store. */
export function seedFixedRecords(org: FixedRecordsTarget): void {
  const username = org.username;
  const user = row(org, 'User', {
    Id: org.userId,
    IsDeleted: false,
    Username: username,
    FirstName: 'Sandbox',
    LastName: 'Admin',
    Name: 'Sandbox Admin',
    Email: username,
    Alias: 'sadmin',
    IsActive: true,
    TimeZoneSidKey: 'GMT',
    LocaleSidKey: 'en_US',
    UserType: 'Standard',
  });
  org.store.put('User', org.userId, user);
  const organization = row(org, 'Organization', { ...ORGANIZATION_VALUES, Id: org.orgId, Name: `Sandbox ${org.orgId.slice(0, 15)}` });
  org.store.put('Organization', org.orgId, organization);
  org.store.release(0);
}
