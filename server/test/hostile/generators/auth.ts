/** Authorization headers: ones that must be refused, and ones a route's capability accepts. */
import fc from 'fast-check';
import type { HostileKeys } from '../support.ts';
import { b64url, hex, hostileString } from './strings.ts';

type Principal = keyof HostileKeys;

/**
 * Authorization headers that authenticate nobody, or somebody every org route refuses. `keyBound`: a
 * route whose org is the key's own (the passthrough's root mount), which the operator key may not use.
 */
export function badAuthorization(keys: HostileKeys, keyBound = false): fc.Arbitrary<{ label: string; header?: string | string[] }> {
  const anyKey = fc.constantFrom(keys.administrator, keys.sync, keys.widget, keys.operator);
  return fc.oneof(
    ...(keyBound ? [fc.constant({ label: 'auth:operator', header: `Bearer ${keys.operator}` })] : []),
    fc.constant({ label: 'auth:none' }),
    fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Token abc', 'Bearer\tcbk_', 'bearer null', 'Bearer undefined', 'Digest x').map((header) => ({ label: 'auth:garbage', header })),
    hostileString.filter((s) => s.length > 0).map((s) => ({ label: 'auth:hostile', header: `Bearer ${s}` })),
    fc.tuple(hex(16), b64url(43, 43)).map(([id, rest]) => ({ label: 'auth:unknown-key', header: `Bearer cbk_${id}_${rest}` })),
    anyKey.chain((key) =>
      fc
        .constantFrom(
          `${key}x`,
          key.slice(0, -1),
          key.toUpperCase(),
          `${key} ${key}`,
          `x${key}`,
          key.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
        )
        .map((bad) => ({ label: 'auth:mangled-key', header: `Bearer ${bad}` })),
    ),
    anyKey.map((key) => ({ label: 'auth:key-without-scheme', header: key })),
    fc.integer({ min: 513, max: 20_000 }).map((n) => ({ label: 'auth:huge', header: `Bearer ${'a'.repeat(n)}` })),
    fc.constant({ label: 'auth:revoked', header: `Bearer ${keys.revoked}` }),
    fc.constant({ label: 'auth:other-org', header: `Bearer ${keys.otherOrg}` }),
    fc.constant({ label: 'auth:salesperson', header: `Bearer ${keys.salesperson}` }),
  );
}

const SYNC_CAPABILITIES = new Set(['sync', 'passthrough', 'settings:read']);
const WIDGET_CAPABILITIES = new Set(['usage:read', 'checklist:read', 'notifications:read']);

/** Principals allowed to use a capability (a guess on the safe side: unknown ones get operator and administrator); `keyBound`: not the operator. */
function allowedPrincipals(capability: string | undefined, keyBound: boolean): Principal[] {
  if (capability === undefined) return ['operator'];
  const operator: Principal[] = keyBound ? [] : ['operator'];
  return [...operator, 'administrator', ...(SYNC_CAPABILITIES.has(capability) ? ['sync' as const] : []), ...(WIDGET_CAPABILITIES.has(capability) ? ['widget' as const] : [])];
}

/** A key allowed to use the capability, under any scheme spelling the API accepts; `keyBound` as in badAuthorization. */
export function goodAuthorization(keys: HostileKeys, capability: string | undefined, keyBound = false): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...allowedPrincipals(capability, keyBound)), fc.constantFrom('Bearer', 'Bearer', 'bearer', 'OAuth', 'BEARER')).map(([who, scheme]) => `${scheme} ${keys[who]}`);
}
