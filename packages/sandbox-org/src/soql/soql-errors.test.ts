import { describe, expect, it } from 'vitest';
import { MAX_NESTING, MAX_QUERY_LENGTH, runSoql, type SoqlResult } from './index.ts';
import { LEAD, leadSource, makeSource, nums } from './testSource.ts';

const { source } = leadSource();
const run = (soql: string): SoqlResult => runSoql(soql, source);
const fail = (soql: string) => {
  const r = run(soql);
  if (r.ok) throw new Error(`expected an error for ${soql}`);
  return r;
};
const malformed = (soql: string) => {
  const r = fail(soql);
  expect(r.errorCode, soql).toBe('MALFORMED_QUERY');
  return r.message;
};

describe('MALFORMED_QUERY', () => {
  it('names the unexpected token like Salesforce does', () => {
    expect(run('SELECT Id FORM Lead')).toEqual({ ok: false, errorCode: 'MALFORMED_QUERY', message: "unexpected token: 'FORM'" });
    expect(malformed('')).toBe("unexpected token: '<EOF>'");
    expect(malformed('SELECT Id FROM Lead WHERE')).toBe("unexpected token: '<EOF>'");
    expect(malformed('SELECT FROM Lead')).toBe("unexpected token: 'FROM'");
    expect(malformed('SELECT Id, FROM Lead')).toBe("unexpected token: 'FROM'");
    expect(malformed('SELECT Id FROM Lead extra')).toBe("unexpected token: 'extra'");
    expect(malformed('SELECT Id FROM Lead WHERE LastName = Turing')).toBe("unexpected token: 'Turing'");
    expect(malformed("SELECT Id FROM Lead WHERE LastName == 'x'")).toBe("unexpected token: '='");
    expect(malformed('SELECT Id FROM Lead WHERE Id')).toBe("unexpected token: '<EOF>'");
    expect(malformed("SELECT Id FROM Lead WHERE LastName NOT LIKE 'x'")).toBe("unexpected token: 'LIKE'");
    expect(malformed('SELECT Id FROM Lead WHERE LastName LIKE 5')).toBe("unexpected token: '5'");
  });

  it('refuses to mix AND and OR, or NOT with either, without parentheses', () => {
    expect(malformed("SELECT Id FROM Lead WHERE Id != null AND LastName = 'a' OR LastName = 'b'")).toBe("unexpected token: 'OR'");
    expect(malformed("SELECT Id FROM Lead WHERE Id != null OR LastName = 'a' AND LastName = 'b'")).toBe("unexpected token: 'AND'");
    expect(malformed("SELECT Id FROM Lead WHERE NOT LastName = 'a' AND Id != null")).toBe("unexpected token: 'AND'");
    expect(malformed("SELECT Id FROM Lead WHERE Id != null AND NOT LastName = 'a'")).toBe("unexpected token: 'NOT'");
    expect(malformed("SELECT Id FROM Lead WHERE (LastName = 'a'")).toBe("unexpected token: '<EOF>'");
    expect(malformed("SELECT Id FROM Lead WHERE LastName = 'a')")).toBe("unexpected token: ')'");
  });

  it('rejects unsupported select shapes and clauses', () => {
    expect(malformed('SELECT COUNT(Id) FROM Lead')).toBe("unexpected token: 'Id'");
    expect(malformed('SELECT Id, COUNT() FROM Lead')).toBe("unexpected token: '('");
    expect(malformed('SELECT Id FROM Lead ORDER BY Id NULLS MIDDLE')).toBe("unexpected token: 'MIDDLE'");
    expect(malformed('SELECT Id FROM Lead LIMIT -1')).toBe("unexpected token: '-1'");
    expect(malformed('SELECT Id FROM Lead LIMIT 1.5')).toBe("unexpected token: '1.5'");
    expect(malformed('SELECT Id FROM Lead LIMIT 5 LIMIT 5')).toBe("unexpected token: 'LIMIT'");
    expect(malformed('SELECT Id FROM Lead OFFSET 1 LIMIT 5')).toBe("unexpected token: 'LIMIT'");
    expect(malformed('SELECT Id FROM Lead WHERE Id IN ()')).toBe("unexpected token: ')'");
    expect(malformed('SELECT Id FROM Lead WHERE CreatedDate = LAST_N_DAYS')).toBe("unexpected token: '<EOF>'");
    expect(malformed('SELECT Id FROM Lead WHERE CreatedDate = SOMEDAY')).toBe("unexpected token: 'SOMEDAY'");
  });

  it('reports bad characters, strings and dates from the lexer', () => {
    expect(malformed("SELECT Id FROM Lead WHERE LastName = 'open")).toMatch(/mismatched character '<EOF>'/);
    expect(malformed("SELECT Id FROM Lead WHERE LastName = 'a\\xb'")).toBe("Invalid string literal 'a\\xb'. Illegal character sequence '\\x' in string literal.");
    expect(malformed("SELECT Id FROM Lead WHERE LastName = 'a\\u00zz'")).toMatch(/Illegal character sequence '\\u00zz'/);
    expect(malformed('SELECT Id FROM Lead WHERE LastName = "Turing"')).toBe("line 1:37 no viable alternative at character '\"'");
    expect(malformed('SELECT Id FROM Lead;')).toMatch(/no viable alternative at character ';'/);
    expect(malformed('SELECT Id FROM Lead WHERE Lead_Score__c ! 5')).toMatch(/character '!'/);
    expect(malformed('SELECT Id FROM Lead WHERE Birthday__c = 2026-02-30')).toMatch(/invalid date literal '2026-02-30'/);
    expect(malformed('SELECT Id FROM Lead WHERE CreatedDate = 2026-11-01T24:00:00Z')).toMatch(/invalid dateTime literal/);
    expect(malformed('SELECT Id FROM Lead WHERE CreatedDate = 2026-11-01T00:00:00')).toMatch(/invalid dateTime literal/);
  });

  it('rejects a field selected twice', () => {
    expect(malformed('SELECT Id, LastName, id FROM Lead')).toBe('duplicate field selected: Id');
  });
});

describe('INVALID_TYPE and INVALID_FIELD', () => {
  it("reports an unknown object with Salesforce's message, before looking at fields", () => {
    const expected = {
      ok: false,
      errorCode: 'INVALID_TYPE',
      message:
        "sObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
    };
    expect(run('SELECT Id FROM Foo')).toEqual(expected);
    expect(run('SELECT Nope FROM Foo WHERE Bad = 1')).toEqual(expected);
  });

  it('reports an unknown field in SELECT, WHERE and ORDER BY, as written', () => {
    const message =
      "No such column 'Foo' on entity 'Lead'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
    for (const soql of [
      'SELECT Id, Foo FROM lead',
      "SELECT Id FROM Lead WHERE Foo = 'x'",
      'SELECT Id FROM Lead WHERE Foo IN (1)',
      "SELECT Id FROM Lead WHERE NOT (Id != null AND Foo LIKE 'x')",
      'SELECT Id FROM Lead ORDER BY Id, Foo',
      'SELECT COUNT() FROM Lead WHERE Foo = null',
    ])
      expect(run(soql), soql).toEqual({ ok: false, errorCode: 'INVALID_FIELD', message });
  });

  it('does not understand relationship paths', () => {
    expect(fail('SELECT Owner.Name FROM Lead')).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringMatching(/^Didn't understand relationship 'Owner' in field path/),
    });
  });

  it('rejects a literal of the wrong type for the field', () => {
    const cases: [string, string][] = [
      ["CreatedDate > '2026-01-01T00:00:00Z'", "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes"],
      ['CreatedDate > 2026-01-01', "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes"],
      ['Birthday__c = 2026-01-01T00:00:00Z', "value of filter criterion for field 'Birthday__c' must be of type date and should not be enclosed in quotes"],
      ["Birthday__c IN (2026-01-01, 'x')", "value of filter criterion for field 'Birthday__c' must be of type date and should not be enclosed in quotes"],
      ["Lead_Score__c = '5'", "value of filter criterion for field 'Lead_Score__c' must be of type double and should not be enclosed in quotes"],
      ["IsDeleted = 'true'", "value of filter criterion for field 'IsDeleted' must be of type boolean and should not be enclosed in quotes"],
      ['LastName = 5', "value of filter criterion for field 'LastName' must be of type string and should be enclosed in quotes"],
      ['Email = true', "value of filter criterion for field 'Email' must be of type email and should be enclosed in quotes"],
      ['Id = 5', "value of filter criterion for field 'Id' must be of type id and should be enclosed in quotes"],
    ];
    for (const [cond, message] of cases) {
      expect(run(`SELECT Id FROM Lead WHERE ${cond}`), cond).toEqual({ ok: false, errorCode: 'INVALID_FIELD', message });
    }
  });
});

describe('other Salesforce error codes', () => {
  it('INVALID_QUERY_FILTER_OPERATOR for a malformed id or an operator the type lacks', () => {
    expect(run("SELECT Id FROM Lead WHERE Id = 'abc'")).toEqual({ ok: false, errorCode: 'INVALID_QUERY_FILTER_OPERATOR', message: 'invalid ID field: abc' });
    expect(fail("SELECT Id FROM Lead WHERE OwnerId IN ('005000000000001', 'nope')").errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect(run("SELECT Id FROM Lead WHERE Lead_Score__c LIKE '5%'")).toEqual({ ok: false, errorCode: 'INVALID_QUERY_FILTER_OPERATOR', message: 'invalid operator on double field' });
    expect(fail('SELECT Id FROM Lead WHERE IsDeleted > false').errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
  });

  it('NUMBER_OUTSIDE_VALID_RANGE past OFFSET 2000', () => {
    expect(run('SELECT Id FROM Lead OFFSET 2001')).toEqual({ ok: false, errorCode: 'NUMBER_OUTSIDE_VALID_RANGE', message: 'Maximum SOQL offset allowed is 2000' });
    expect(nums(run('SELECT Id FROM Lead OFFSET 2000'))).toEqual([]);
  });
});

describe('guards against hostile input', () => {
  it('refuses query text over 100,000 characters', () => {
    const base = 'SELECT Id FROM Lead';
    expect(nums(run(base + ' '.repeat(MAX_QUERY_LENGTH - base.length)))).toHaveLength(8);
    expect(malformed(base + ' '.repeat(MAX_QUERY_LENGTH - base.length + 1))).toBe('SOQL statements cannot be longer than 100,000 characters.');
  });

  it('limits parenthesis nesting instead of overflowing the stack', () => {
    const nested = (depth: number) => `SELECT Id FROM Lead WHERE ${'('.repeat(depth)}Id != null${')'.repeat(depth)}`;
    expect(nums(run(nested(MAX_NESTING)))).toHaveLength(8);
    expect(malformed(nested(MAX_NESTING + 1))).toMatch(/too deep/);
    expect(malformed(nested(49_000))).toMatch(/too deep/);
    expect(malformed(`SELECT Id FROM Lead WHERE ${'('.repeat(99_000)}`)).toMatch(/too deep/);
  });

  it('never throws on random token soup', () => {
    const parts = [
      'SELECT',
      'FROM',
      'WHERE',
      'Lead',
      'Id',
      'LastName',
      'Lead_Score__c',
      'CreatedDate',
      'Birthday__c',
      'AND',
      'OR',
      'NOT',
      'IN',
      'LIKE',
      'ORDER',
      'BY',
      'LIMIT',
      'OFFSET',
      'COUNT',
      'NULLS',
      'TODAY',
      'LAST_N_DAYS',
      '(',
      ')',
      ',',
      ':',
      '=',
      '!=',
      '<',
      '>=',
      "'x'",
      "'\\'",
      "'",
      '\\',
      '5',
      '-1',
      '2026-11-01',
      '2026-11-01T00:00:00Z',
      'null',
      'true',
      '"',
      ';',
      '.',
      '%',
      '\u00e9',
      '\n',
    ];
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    let okCount = 0;
    for (let k = 0; k < 3000; k += 1) {
      const len = 1 + rand(14);
      const words = ['SELECT'];
      for (let w = 0; w < len; w += 1) words.push(parts[rand(parts.length)]!);
      const r = run(words.join(rand(3) === 0 ? '' : ' '));
      expect(typeof r.ok).toBe('boolean');
      if (r.ok) okCount += 1;
      else expect(r.message.length).toBeGreaterThan(0);
    }
    expect(okCount).toBeLessThan(3000);
  });

  it('lets a failing source surface as an exception (not a client error)', () => {
    const broken = makeSource({
      Lead: {
        info: LEAD,
        rows: {
          [Symbol.iterator]: () => {
            throw new Error('store down');
          },
        },
      },
    });
    expect(() => runSoql('SELECT Id FROM Lead', broken.source)).toThrow('store down');
  });
});
