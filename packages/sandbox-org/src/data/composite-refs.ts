/**
 * Composite references: `@{refId.path}` in a subrequest's URL or body names a value from an
 * earlier subrequest's response body (`@{newAccount.id}`, `@{q.records[0].Id}`).
 */
import { bareRecord } from './bare-record.ts';

const REFERENCE = /@\{([A-Za-z0-9_]+)((?:\.[^.[\]}]+|\[\d+\])+)\}/g;
const WHOLE_REFERENCE = /^@\{([A-Za-z0-9_]+)((?:\.[^.[\]}]+|\[\d+\])+)\}$/;

/** Responses so far, by referenceId; failed ones are kept so references to them can fail clearly. */
export type ResponsesByRef = ReadonlyMap<string, { status: number; body: unknown }>;

/** Thrown while substituting; the composite turns it into that subrequest's PROCESSING_HALTED. */
export class UnresolvedReference extends Error {}

function lookup(refs: ResponsesByRef, ref: string, path: string): unknown {
  const response = refs.get(ref);
  let value: unknown = response && response.status < 400 ? response.body : undefined;
  for (const m of path.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) {
    if (value === null || typeof value !== 'object') {
      value = undefined;
      break;
    }
    const key = m[1] ?? Number(m[2]);
    value = Object.hasOwn(value, key) ? (value as Record<string | number, unknown>)[key] : undefined;
  }
  if (value === undefined) {
    throw new UnresolvedReference(
      `Invalid reference specified. No value for ${ref}${path} found in ${ref}. Provided referenceId ('${ref}') ${response ? 'has an error or no such value' : 'is not defined before this subrequest'}.`,
    );
  }
  return value;
}

/** Substitute references inside a string (the URL, or a body string with text around them). */
export function resolveString(text: string, refs: ResponsesByRef): string {
  return text.replace(REFERENCE, (_all, ref: string, path: string) => String(lookup(refs, ref, path)));
}

/** Substitute references throughout a body; a string that is one whole reference takes the value's type. */
export function resolveBody(body: unknown, refs: ResponsesByRef): unknown {
  if (typeof body === 'string') {
    const whole = WHOLE_REFERENCE.exec(body);
    return whole ? lookup(refs, whole[1]!, whole[2]!) : resolveString(body, refs);
  }
  if (Array.isArray(body)) return body.map((b) => resolveBody(b, refs));
  if (body !== null && typeof body === 'object') {
    const out: Record<string, unknown> = bareRecord();
    for (const [k, v] of Object.entries(body)) out[k] = resolveBody(v, refs);
    return out;
  }
  return body;
}
