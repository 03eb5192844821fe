/**
 * The Apex REST classes of one org (`@RestResource(urlMapping=…)`), as the control API defines them:
 * a urlMapping (`/Orders` or `/Orders/*`, case-sensitive like Salesforce's), the HTTP methods it
 * implements, and a fixed answer, or none to echo the request. Every org also has `/echo/*`, an echo class.
 */
import { z } from 'zod';

const METHOD = z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);

/** Input of `control.defineApexRest` / `POST /_sandbox/orgs/:orgId/apexrest`. */
export const apexRestSpecSchema = z.strictObject({
  urlMapping: z
    .string()
    .min(2)
    .max(255)
    .regex(/^\/[A-Za-z0-9_\-./]*(\/\*)?$/, 'must start with / and may end with /*'),
  methods: z.array(METHOD).min(1).max(5).default(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
  status: z.number().int().min(200).max(599).default(200),
  /** JSON to answer with; absent: echo `{method, path, query, body}`. */
  body: z.unknown().optional(),
});
export type ApexRestSpec = z.input<typeof apexRestSpecSchema>;
type ApexRestDef = z.output<typeof apexRestSpecSchema>;

/** What a request to /services/apexrest/… resolves to. */
export type ApexRestMatch = { def: ApexRestDef } | { notFound: true } | { methodNotAllowed: string[] };

const ECHO: ApexRestDef = { urlMapping: '/echo/*', methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'], status: 200 };

/** The classes of one org, most specific mapping first (an exact mapping beats a wildcard). */
export class ApexRestBook {
  private readonly defs = new Map<string, ApexRestDef>([[ECHO.urlMapping, ECHO]]);

  /** Define (or replace) the class at a urlMapping. */
  define(spec: ApexRestDef): void {
    this.defs.set(spec.urlMapping, spec);
  }

  /** The class serving `path` (below /services/apexrest), if any, and whether it takes the method. */
  match(method: string, path: string): ApexRestMatch {
    const fits = (m: string) => (m.endsWith('/*') ? path === m.slice(0, -2) || path.startsWith(m.slice(0, -1)) : path === m || path === `${m}/`);
    const candidates = [...this.defs.values()].filter((d) => fits(d.urlMapping)).sort((a, b) => Number(a.urlMapping.endsWith('*')) - Number(b.urlMapping.endsWith('*')) || b.urlMapping.length - a.urlMapping.length);
    const def = candidates[0];
    if (!def) return { notFound: true };
    return def.methods.includes(method as ApexRestDef['methods'][number]) ? { def } : { methodNotAllowed: def.methods };
  }
}
