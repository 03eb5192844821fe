import { describe, expect, it } from 'vitest';
import { isValidEighteen, newAccessToken, newSalesforceId, toEighteen } from './ids.ts';

describe('Salesforce ids', () => {
  it('computes the case-safe suffix like Salesforce', () => {
    expect(toEighteen('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(toEighteen('00000000000000A')).toBe('00000000000000AAAQ');
    expect(toEighteen('AAAAAAAAAAAAAAA')).toBe('AAAAAAAAAAAAAAA555');
    expect(() => toEighteen('short')).toThrow(RangeError);
  });

  it('makes 18-character ids with the key prefix and a valid checksum', () => {
    const org = newSalesforceId('00D');
    expect(org).toMatch(/^00D[0-9A-Za-z]{15}$/);
    expect(isValidEighteen(org)).toBe(true);
    expect(isValidEighteen(org.slice(0, 15) + 'AAA')).toBe(toEighteen(org.slice(0, 15)).endsWith('AAA'));
    expect(newSalesforceId('005')).not.toBe(newSalesforceId('005'));
  });

  it('shapes access tokens like real ones', () => {
    const org = newSalesforceId('00D');
    expect(newAccessToken(org)).toMatch(new RegExp(`^${org.slice(0, 15)}!AQ[A-Za-z0-9._]{90,}$`));
  });
});
