import { describe, expect, it } from 'vitest';
import { runSoql } from './index.ts';
import { LEAD, LEADS, id, leadSource, makeSource, nums, rowsOf } from './testSource.ts';

const { source } = leadSource();
const run = (soql: string, now?: number) => runSoql(soql, source, now === undefined ? {} : { now });
const where = (cond: string) => nums(run(`SELECT Id FROM Lead WHERE ${cond} ORDER BY Id`));

describe('SELECT and FROM', () => {
  it('returns exactly the selected fields, canonical casing, in select order, missing as null', () => {
    const r = run("select lastname, ID, lead_score__c, Birthday__c from LEAD where Id = '" + id(3) + "'");
    expect(r).toEqual({
      ok: true,
      object: 'Lead',
      count: false,
      fields: ['LastName', 'Id', 'Lead_Score__c', 'Birthday__c'],
      rows: [{ LastName: 'Turing', Id: id(3), Lead_Score__c: null, Birthday__c: null }],
    });
    expect(Object.keys(rowsOf(r)[0]!)).toEqual(['LastName', 'Id', 'Lead_Score__c', 'Birthday__c']);
  });

  it('asks the source for records under the canonical object name', () => {
    const s = leadSource();
    runSoql('SELECT Id FROM lEaD', s.source);
    expect(s.calls).toEqual(['Lead']);
  });

  it('accepts object-qualified field names and mixed-case keywords', () => {
    expect(nums(run("SeLeCt Lead.Id FrOm Lead wHeRe lead.LastName = 'hopper' OrDeR bY Id"))).toEqual([2]);
  });

  it('returns every record in source order without WHERE or ORDER BY', () => {
    expect(nums(run('SELECT Id FROM Lead'))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('returns fresh row objects', () => {
    rowsOf(run('SELECT LastName FROM Lead'))[0]!.LastName = 'changed';
    expect(LEADS[0]!.LastName).toBe('Lovelace');
  });
});

describe('comparison operators', () => {
  it('= on text is case-insensitive; != includes null values', () => {
    expect(where("LastName = 'LOVELACE'")).toEqual([1]);
    expect(where("FirstName != 'ada'")).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(where("FirstName <> 'ada'")).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(where("Email = 'barbara@mit.edu'")).toEqual([6]);
  });

  it('orders numbers numerically with < <= > >=, never matching null', () => {
    expect(where('Lead_Score__c > 75.5')).toEqual([1]);
    expect(where('Lead_Score__c >= 75.5')).toEqual([1, 2, 5]);
    expect(where('Lead_Score__c < 10')).toEqual([6, 7]);
    expect(where('Lead_Score__c <= 10')).toEqual([4, 6, 7]);
    expect(where('Lead_Score__c = -5')).toEqual([7]);
    expect(where('Lead_Score__c != 75.5')).toEqual([1, 3, 4, 6, 7, 8]);
  });

  it('compares text with < and > case-insensitively', () => {
    expect(where("LastName < 'h'")).toEqual([5, 7, 8]);
    expect(where("LastName >= 'T'")).toEqual([3, 4]);
  });

  it('handles = null, != null, and treats empty text as null', () => {
    expect(where('Lead_Score__c = null')).toEqual([3]);
    expect(where('Email = null')).toEqual([3, 7, 8]);
    expect(where('Email != NULL')).toEqual([1, 2, 4, 5, 6]);
    expect(where("Email = ''")).toEqual([3, 7, 8]);
    expect(where('Lead_Score__c > null')).toEqual([]);
  });

  it('compares booleans', () => {
    expect(where('IsDeleted = true')).toEqual([5]);
    expect(where('IsDeleted = FALSE')).toEqual([1, 2, 3, 4, 6, 7, 8]);
    expect(where('IsDeleted != true')).toEqual([1, 2, 3, 4, 6, 7, 8]);
  });

  it('matches ids by their 15-character form', () => {
    expect(where(`Id = '${id(4).slice(0, 15)}'`)).toEqual([4]);
    expect(where(`Id = '${id(4)}'`)).toEqual([4]);
    expect(where("OwnerId = '005000000000001'")).toEqual([8]);
    expect(where(`Id = '${id(4).slice(0, 15).toLowerCase()}'`)).toEqual([]);
  });
});

describe('IN and NOT IN', () => {
  it('matches any listed value, case-insensitively for text', () => {
    expect(where("LastName IN ('hopper', 'TURING', 'nobody')")).toEqual([2, 3]);
    expect(where('Lead_Score__c IN (0, 90)')).toEqual([1, 6]);
    expect(where(`Id IN ('${id(5)}')`)).toEqual([5]);
  });

  it('NOT IN keeps records whose value is null; null in the list matches nulls', () => {
    expect(where('Lead_Score__c NOT IN (75.5, 90, 10, 0, -5)')).toEqual([3, 8]);
    expect(where('Lead_Score__c IN (null, 90)')).toEqual([1, 3]);
    expect(where('Lead_Score__c NOT IN (null, 90)')).toEqual([2, 4, 5, 6, 7, 8]);
  });

  it('accepts dates in the list', () => {
    expect(where('Birthday__c IN (1815-12-10, 2000-02-29)')).toEqual([1, 4]);
    expect(where('LastModifiedDate IN (2026-11-01T00:00:00Z, 2026-11-01T02:00:00Z)')).toEqual([1, 4]);
  });
});

describe('LIKE', () => {
  it('supports % and _ wildcards, case-insensitively', () => {
    expect(where("LastName LIKE 'l%'")).toEqual([1, 6]);
    expect(where("LastName LIKE '%ER'")).toEqual([2]);
    expect(where("Company LIKE '%tch%'")).toEqual([3]);
    expect(where("Company LIKE '%AVY%'")).toEqual([2]);
    expect(where("Company LIKE '%N%BRE_K'")).toEqual([7]);
    expect(where("LastName LIKE 'T_ring'")).toEqual([3]);
    expect(where("LastName LIKE 'T_ing'")).toEqual([]);
    expect(where("Email LIKE '%@%.%l'")).toEqual([2, 5]);
    expect(where("LastName LIKE 'hopper'")).toEqual([2]);
    expect(where("Email LIKE '%'")).toEqual([1, 2, 4, 5, 6]);
  });

  it('treats \\% and \\_ as literal characters', () => {
    expect(where("Company LIKE '%100\\%'")).toEqual([5]);
    expect(where("Company LIKE '%\\%%'")).toEqual([5]);
    expect(where("Company LIKE 'MIT\\_%'")).toEqual([6]);
    expect(where("Company LIKE '%\\_'")).toEqual([]);
    expect(where("Company LIKE 'Eindhoven 100_'")).toEqual([5]);
  });

  it('stays linear on patterns that would make a regex backtrack', () => {
    const big = makeSource({ Lead: { info: LEAD, rows: [{ Id: id(1), LastName: 'a'.repeat(20_000) }] } });
    const start = performance.now();
    const r = runSoql(`SELECT Id FROM Lead WHERE LastName LIKE '${'%a'.repeat(12)}%b'`, big.source);
    expect(rowsOf(r)).toEqual([]);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('string literals', () => {
  it('decodes escapes', () => {
    expect(where("LastName = 'Back\\\\slash\\ttab'")).toEqual([7]);
    expect(where("Company = 'Line\\nBreak'")).toEqual([7]);
    expect(where("Company = 'Line\\NBreak'")).toEqual([7]);
    expect(where("FirstName = 'Ren\\u00e9'")).toEqual([8]);
    expect(where('Company = \'Quote \\"Co\\"\'')).toEqual([8]);
  });

  it('keeps injection-looking text inside the literal', () => {
    expect(where("LastName = 'x\\' OR Id != null'")).toEqual([4]);
    expect(where("LastName = 'y\\' OR Id != null'")).toEqual([]);
    expect(where("LastName LIKE '%\\' OR LastName LIKE \\'%'")).toEqual([]);
  });
});

describe('dates and date-times', () => {
  it('compares date-times as instants, whatever the offset or precision', () => {
    expect(where('LastModifiedDate > 2026-11-01T00:00:00Z')).toEqual([2, 4, 6]);
    expect(where('LastModifiedDate >= 2026-11-01T00:00:00.000Z')).toEqual([1, 2, 4, 6]);
    expect(where('LastModifiedDate = 2026-11-01T02:00:00+02:00')).toEqual([1]);
    expect(where('LastModifiedDate = 2026-10-31T19:00:00-05:00')).toEqual([1]);
    expect(where('LastModifiedDate = 2026-11-01T00:00:00.999Z')).toEqual([]);
    expect(where('LastModifiedDate < 2026-11-01T00:00:00Z')).toEqual([3, 5, 7, 8]);
    expect(where('LastModifiedDate <= 2026-11-01T01:00:01+0100')).toEqual([1, 2, 3, 5, 7, 8]);
    expect(where('SystemModstamp != 2026-11-01T00:00:00Z AND SystemModstamp > 2026-10-30T00:00:00Z')).toEqual([2, 3, 4, 6]);
  });

  it('compares date fields by calendar day', () => {
    expect(where('Birthday__c = 1815-12-10')).toEqual([1]);
    expect(where('Birthday__c < 1900-01-01')).toEqual([1, 8]);
    expect(where('Birthday__c >= 1939-11-07')).toEqual([4, 6, 7]);
    expect(where('Birthday__c > 1939-11-07')).toEqual([4, 7]);
  });

  it('resolves relative date literals against the clock', () => {
    const now = Date.parse('2026-11-01T15:00:00Z');
    const at = (cond: string) => nums(run(`SELECT Id FROM Lead WHERE ${cond} ORDER BY Id`, now));
    expect(at('LastModifiedDate = TODAY')).toEqual([1, 2, 4]);
    expect(at('LastModifiedDate = YESTERDAY')).toEqual([3]);
    expect(at('LastModifiedDate > TODAY')).toEqual([6]);
    expect(at('LastModifiedDate < today')).toEqual([3, 5, 7, 8]);
    expect(at('LastModifiedDate = LAST_N_DAYS:1')).toEqual([1, 2, 3, 4]);
    expect(at('LastModifiedDate = NEXT_N_DAYS:3')).toEqual([6]);
    expect(at('Birthday__c < LAST_N_DAYS:30000')).toEqual([1, 2, 5, 6, 8]); // before 1944-09-12
    expect(at('Birthday__c < LAST_N_DAYS:36500')).toEqual([1, 2, 8]); // before 1926-11-26
  });
});

describe('logical operators', () => {
  it('combines with AND, OR, NOT and parentheses', () => {
    expect(where("FirstName = 'Ada' OR FirstName = 'Alan'")).toEqual([1, 3]);
    expect(where('Lead_Score__c > 50 AND IsDeleted = false')).toEqual([1, 2]);
    expect(where("(LastName = 'Turing' OR Lead_Score__c > 80) AND Phone != null")).toEqual([1, 3]);
    expect(where("LastName = 'Turing' OR (Lead_Score__c > 80 AND Phone = null)")).toEqual([3]);
    expect(where("NOT LastName LIKE '%e%'")).toEqual([3, 4, 5, 6, 7]);
    expect(where('NOT (Lead_Score__c > 0 OR Lead_Score__c = null)')).toEqual([6, 7]);
    // Two-valued logic: "null < 50" is false, so its negation keeps the null-score record 3.
    expect(where('IsDeleted = false AND (NOT Lead_Score__c < 50)')).toEqual([1, 2, 3, 8]);
    expect(where('((((Id != null))))')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('ORDER BY, LIMIT, OFFSET', () => {
  const ids = (tail: string) => nums(run(`SELECT Id FROM Lead ${tail}`));

  it('sorts ASC with nulls first and DESC with nulls last by default', () => {
    expect(ids('ORDER BY Lead_Score__c')).toEqual([3, 7, 6, 4, 8, 2, 5, 1]);
    expect(ids('ORDER BY Lead_Score__c DESC')).toEqual([1, 2, 5, 8, 4, 6, 7, 3]);
  });

  it('honours NULLS FIRST / NULLS LAST and multiple keys', () => {
    expect(ids('ORDER BY Lead_Score__c ASC NULLS LAST')).toEqual([7, 6, 4, 8, 2, 5, 1, 3]);
    expect(ids('ORDER BY Lead_Score__c DESC NULLS FIRST, LastName')).toEqual([3, 1, 5, 2, 8, 4, 6, 7]);
    expect(ids('ORDER BY Lead_Score__c DESC, LastName DESC')).toEqual([1, 2, 5, 8, 4, 6, 7, 3]);
  });

  it('sorts text case-insensitively, and dates and booleans in order', () => {
    expect(ids('WHERE Email != null ORDER BY Email')).toEqual([1, 6, 5, 2, 4]);
    expect(ids('ORDER BY Birthday__c DESC NULLS LAST LIMIT 3')).toEqual([4, 7, 6]);
    expect(ids('ORDER BY LastModifiedDate DESC, Id LIMIT 4')).toEqual([6, 4, 2, 1]);
    expect(ids('ORDER BY IsDeleted DESC, Id LIMIT 2')).toEqual([5, 1]);
  });

  it('applies OFFSET then LIMIT after sorting', () => {
    expect(ids('ORDER BY Id DESC LIMIT 3')).toEqual([8, 7, 6]);
    expect(ids('ORDER BY Id DESC LIMIT 3 OFFSET 2')).toEqual([6, 5, 4]);
    expect(ids('ORDER BY Id OFFSET 6')).toEqual([7, 8]);
    expect(ids('LIMIT 0')).toEqual([]);
    expect(ids('OFFSET 20')).toEqual([]);
  });

  it('stops reading the source once an unsorted page is full', () => {
    let pulled = 0;
    function* rows() {
      for (const r of LEADS) {
        pulled += 1;
        yield r;
      }
    }
    const s = makeSource({ Lead: { info: LEAD, rows: { [Symbol.iterator]: rows } } });
    expect(nums(runSoql('SELECT Id FROM Lead WHERE Lead_Score__c > 20 LIMIT 2 OFFSET 1', s.source))).toEqual([2, 5]);
    expect(pulled).toBe(5);
  });
});

describe('COUNT()', () => {
  it('counts matching records, within OFFSET and LIMIT', () => {
    expect(run('SELECT COUNT() FROM Lead')).toEqual({ ok: true, object: 'Lead', count: true, totalSize: 8 });
    expect(run('select count() from lead where IsDeleted = false')).toMatchObject({ count: true, totalSize: 7 });
    expect(run('SELECT COUNT() FROM Lead LIMIT 3')).toMatchObject({ totalSize: 3 });
    expect(run('SELECT COUNT() FROM Lead OFFSET 6')).toMatchObject({ totalSize: 2 });
    expect(run("SELECT COUNT() FROM Lead WHERE LastName = 'nobody'")).toMatchObject({ totalSize: 0 });
  });
});

// Speed is the benchmark's business (npm run bench); here, only that a large org answers correctly.
describe('5,000 records', () => {
  const many = Array.from({ length: 5000 }, (_, i) => ({
    Id: `00Q${String(i).padStart(12, '0')}AAA`,
    LastName: `Name${i}`,
    Lead_Score__c: i % 100,
    LastModifiedDate: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString().replace('Z', '+0000'),
  }));
  const big = makeSource({ Lead: { info: LEAD, rows: many } }).source;
  const ids = (soql: string): string[] => {
    const result = runSoql(soql, big);
    if (!result.ok || !('rows' in result)) throw new Error(`query failed: ${soql}`);
    return (result.rows as { Id: string }[]).map((r) => r.Id);
  };

  it('filters, orders and matches on them like the rows say', () => {
    const expected = many.filter((r) => r.Lead_Score__c > 50 && r.LastName.startsWith('Name1')).map((r) => r.Id);
    expect(ids("SELECT Id, LastName FROM Lead WHERE Lead_Score__c > 50 AND LastName LIKE 'Name1%'")).toEqual(expected);
    const later = ids('SELECT Id FROM Lead WHERE LastModifiedDate > 2026-01-02T00:00:00Z ORDER BY LastModifiedDate DESC');
    expect(later).toHaveLength(5000 - 1441);
    expect(later[0]).toBe(many.at(-1)!.Id);
    expect(nums(runSoql('SELECT Id FROM Lead WHERE LastModifiedDate >= 2026-01-04T11:19:00Z', big)).length).toBe(1);
    expect(ids(`SELECT Id FROM Lead WHERE Id = '${many[1]!.Id}' LIMIT 1`)).toEqual([many[1]!.Id]);
  });
});
