/** Who is calling: the operator (bootstrap key), or a key of one org with a kind and a role. */
export const ROLES = ['administrator', 'company-manager', 'marketing-manager', 'sales-manager', 'salesperson', 'junior-salesperson'] as const;
export type Role = (typeof ROLES)[number];
export type KeyKind = 'admin' | 'sync' | 'widget';

export type Principal =
  | { kind: 'operator' }
  /** `incarnation`: the org incarnation the credential was issued for; another one (re-created org) refuses it. */
  | { kind: 'key'; keyId: string; orgId: string; incarnation?: string; keyKind: KeyKind; role?: Role };

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
