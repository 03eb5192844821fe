/** Path segments that match no org, relationship or key, and suffixes that make a path miss every route. */
import fc from 'fast-check';
import { ORG_ID } from './org-bodies.ts';
import { enc, hex, hostileString } from './strings.ts';
import type { FuzzContext } from './types.ts';

/** Org ids that name no org (never one another test could have made): encoded, long, hostile. */
export function badOrgId(ctx: FuzzContext): fc.Arbitrary<{ label: string; segment: string }> {
  return fc.oneof(
    hex(8).map((h) => ({ label: 'org:unknown', segment: `zz-nx-${h}` })),
    fc
      .constantFrom(ctx.orgId.toUpperCase(), `${ctx.orgId}-`, ` ${ctx.orgId}`, `${ctx.orgId}%00`, `${ctx.orgId}%20`, `${ctx.orgId}.`, `${ctx.orgId}%2f`, `${ctx.orgId}*`)
      .map((segment) => ({ label: 'org:near-miss', segment })),
    fc
      .constantFrom('%2e%2e%2f%2e%2e%2f', '..%2f..%2fcb', '%252e%252e', '%00', '%ff', '%C0%AE', '%zz', '{org:x}', '%7Borg%3Ax%7D', '*', 'cb%3A*', '%E2%80%AE', '%F0%9D%95%8F', 'a%0d%0aX-Injected:%201', '-', '_', '~')
      .map((segment) => ({ label: 'org:encoded', segment })),
    fc.integer({ min: 64, max: 20_000 }).map((n) => ({ label: 'org:long', segment: 'a'.repeat(n) })),
    hostileString.filter((s) => s.length > 0 && !ORG_ID.test(s)).map((s) => ({ label: 'org:hostile', segment: enc(s) })),
  );
}

/** Relationships a pull serves, a push accepts, and all of them. */
export const PULL_RELATIONSHIPS = ['leads', 'contacts', 'accounts', 'campaigns', 'opportunities', 'custom-fields'];
export const PUSH_RELATIONSHIPS = ['leads', 'contacts', 'campaigns', 'custom-fields', 'lead-score', 'events'];
export const ALL_RELATIONSHIPS = ['accounts', 'campaigns', 'opportunities', 'leads', 'contacts', 'custom-fields', 'lead-score', 'events'];

/** Relationship segments that name none, or name one in a form the router must not accept. */
export const badRelationship: fc.Arbitrary<{ label: string; segment: string }> = fc.oneof(
  fc
    .constantFrom(
      'lead',
      'Leads',
      'LEADS',
      'leads%00',
      'leads%20',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'prototype',
      'valueOf',
      '%2e%2e',
      'leads;drop',
      'leads%27%20OR%20%27%27%3D%27',
      'custom_fields',
      'Lead',
      '*',
    )
    .map((segment) => ({ label: 'relationship:unknown', segment })),
  hostileString.filter((s) => s.length > 0 && !ALL_RELATIONSHIPS.includes(s)).map((s) => ({ label: 'relationship:hostile', segment: enc(s) })),
  fc.integer({ min: 101, max: 5000 }).map((n) => ({ label: 'relationship:long', segment: 'l'.repeat(n) })),
);

/** Key ids that name no key: none is ever issued with one of these. */
export const unknownKeyId: fc.Arbitrary<string> = fc.oneof(
  hex(16).map((h) => h),
  fc.constantFrom('0123456789abcdef', 'ZZZZZZZZZZZZZZZZ', '%00', '..%2f..', 'x'.repeat(300)),
  hostileString.filter((s) => s.length > 0).map(enc),
);

/** The suffix that makes a path miss every route. */
export const routeMiss = fc.constantFrom('/zz-nx', '.json', '/%00', '/..%2f', '/x/y/z', ';jsessionid=1', '%20', '/%2e%2e%2e');
