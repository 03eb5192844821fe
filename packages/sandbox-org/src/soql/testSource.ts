// Test fixture (used only by the *.test.ts files here): an in-memory Lead object.
import type { SoqlObjectInfo, SoqlRecord, SoqlResult, SoqlSource } from './index.ts';

export const LEAD: SoqlObjectInfo = {
  name: 'Lead',
  fields: [
    { name: 'Id', type: 'id' },
    { name: 'FirstName', type: 'string' },
    { name: 'LastName', type: 'string' },
    { name: 'Company', type: 'string' },
    { name: 'Email', type: 'email' },
    { name: 'Phone', type: 'phone' },
    { name: 'Lead_Score__c', type: 'double' },
    { name: 'IsDeleted', type: 'boolean' },
    { name: 'CreatedDate', type: 'datetime' },
    { name: 'LastModifiedDate', type: 'datetime' },
    { name: 'SystemModstamp', type: 'datetime' },
    { name: 'Birthday__c', type: 'date' },
    { name: 'OwnerId', type: 'reference' },
  ],
};

/** 18-char ids whose 15-char prefix ends in the given number. */
export const id = (n: number): string => `00Q0000000000${String(n).padStart(2, '0')}AAA`;

function lead(n: number, f: Record<string, unknown>): SoqlRecord {
  const lm = f.LastModifiedDate ?? '2026-10-01T00:00:00.000+0000';
  return { Id: id(n), CreatedDate: '2026-09-01T00:00:00.000+0000', IsDeleted: false, ...f, LastModifiedDate: lm, SystemModstamp: lm };
}

export const LEADS: SoqlRecord[] = [
  lead(1, { FirstName: 'Ada', LastName: 'Lovelace', Company: 'Analytical', Email: 'ada@example.com', Phone: '555-0101', Lead_Score__c: 90, LastModifiedDate: '2026-11-01T00:00:00.000+0000', Birthday__c: '1815-12-10' }),
  lead(2, { FirstName: 'Grace', LastName: 'Hopper', Company: 'Navy', Email: 'grace@navy.mil', Phone: null, Lead_Score__c: 75.5, LastModifiedDate: '2026-11-01T00:00:01.000+0000', Birthday__c: '1906-12-09' }),
  lead(3, { FirstName: 'Alan', LastName: 'Turing', Company: 'Bletchley', Phone: '555-0103', Lead_Score__c: null, LastModifiedDate: '2026-10-31T23:59:59.000+0000' }),
  lead(4, { LastName: "x' OR Id != null", Company: 'Injection Inc', Email: 'x@y.z', Lead_Score__c: 10, LastModifiedDate: '2026-11-01T02:00:00.000+0000', Birthday__c: '2000-02-29' }),
  lead(5, { FirstName: 'Edsger', LastName: 'Dijkstra', Company: 'Eindhoven 100%', Email: 'ed@tue.nl', Lead_Score__c: 75.5, IsDeleted: true, Birthday__c: '1930-05-11' }),
  lead(6, { FirstName: 'Barbara', LastName: 'Liskov', Company: 'MIT_CSAIL', Email: 'BARBARA@MIT.EDU', Lead_Score__c: 0, LastModifiedDate: '2026-11-02T10:00:00.000+0000', Birthday__c: '1939-11-07' }),
  lead(7, { FirstName: 'Tab', LastName: 'Back\\slash\ttab', Company: 'Line\nBreak', Email: '', Lead_Score__c: -5, Birthday__c: '1999-12-31' }),
  lead(8, { FirstName: 'René', LastName: 'Descartes', Company: 'Quote "Co"', Lead_Score__c: 50, Birthday__c: '1596-03-31', OwnerId: '005000000000001AAA' }),
];

/** A source over the given objects; records() calls are logged so tests can check the name used. */
export function makeSource(objects: Record<string, { info: SoqlObjectInfo; rows: Iterable<SoqlRecord> }>) {
  const calls: string[] = [];
  const source: SoqlSource = {
    describe(name) {
      const hit = Object.values(objects).find((o) => o.info.name.toLowerCase() === name.toLowerCase());
      return hit?.info;
    },
    records(name) {
      calls.push(name);
      return objects[name]?.rows ?? [];
    },
  };
  return { source, calls };
}

export const leadSource = () => makeSource({ Lead: { info: LEAD, rows: LEADS } });

/** The rows of a successful non-count result; fails the test otherwise. */
export function rowsOf(r: SoqlResult): Record<string, unknown>[] {
  if (!r.ok || r.count) throw new Error(`expected rows, got ${JSON.stringify(r)}`);
  return r.rows;
}

/** The Id column as record numbers, in result order. */
export function nums(r: SoqlResult): number[] {
  return rowsOf(r).map((row) => Number(String(row.Id).slice(13, 15)));
}
