/** Invalid JSON bodies built from a route's body spec, and the content types that go with them. */
import fc from 'fast-check';
import { hostileString, notAnObject } from './strings.ts';

/** Text that is not JSON at all, or JSON cut short. */
function malformedJson(valid: unknown): fc.Arbitrary<string> {
  const text = JSON.stringify(valid);
  return fc.oneof(
    fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((n) => text.slice(0, n)),
    fc.constantFrom('{', '}', '{"a":}', "{'a':1}", '{"a":NaN}', '{"a":1,}', '[1,2', 'nul', 'undefined', '\uFEFF{"a"', '{"a":"\u0000', '{"a":"\\x41"}', '{"a":01}', '{a:1}', '{"a":1}{"b":2}', '\u0000'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).filter((s) => !isJson(s)),
  );
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A body that must be a JSON object, made invalid: not JSON, not an object, or a bad field. */
export interface BodySpec {
  template: Record<string, unknown>;
  required: string[];
  /** Per field, values the schema must refuse. */
  bad: Record<string, fc.Arbitrary<unknown>>;
  /** Whole-body corruptions besides the generic ones (JSON text or value). */
  extra?: fc.Arbitrary<{ label: string; text: string }>;
}

/** Bodies the spec's route must refuse: not JSON, not an object, a prototype key, an extra, bad or missing field. */
export function invalidBody(spec: BodySpec): fc.Arbitrary<{ label: string; text: string }> {
  const fields = Object.keys(spec.bad);
  const allowed = new Set([...Object.keys(spec.template), ...fields]);
  const options: fc.Arbitrary<{ label: string; text: string }>[] = [
    malformedJson(spec.template).map((text) => ({ label: 'body:malformed-json', text })),
    notAnObject.map((v) => ({ label: 'body:not-an-object', text: JSON.stringify(v) })),
    fc
      .tuple(
        fc.oneof(hostileString, fc.constantFrom('constructor', 'prototype', 'isAdmin', 'role', 'toString', 'valueOf')).filter((k) => !allowed.has(k) && k !== '__proto__'),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([key, value]) => ({ label: 'body:extra-field', text: JSON.stringify({ ...spec.template, [key]: value }) })),
    // JSON.parse keeps "__proto__" as an own key; the parser must refuse it, not merge it.
    fc.constantFrom('{"isAdmin":true}', '{"polluted":1}', 'null', '[]').map((inner) => ({ label: 'body:__proto__', text: JSON.stringify(spec.template).replace(/^\{/, `{"__proto__":${inner},`).replace(/,\}$/, '}') })),
    fc.constant({ label: 'body:constructor.prototype', text: JSON.stringify({ ...spec.template, constructor: { prototype: { polluted: 1 } } }) }),
    fc.constantFrom(...fields).chain((field) => spec.bad[field]!.map((value) => ({ label: `body:bad-${field}`, text: JSON.stringify({ ...spec.template, [field]: value }) }))),
  ];
  if (spec.required.length > 0) {
    options.push(
      fc.constantFrom(...spec.required).map((field) => {
        const { [field]: _gone, ...rest } = spec.template;
        return { label: `body:missing-${field}`, text: JSON.stringify(rest) };
      }),
    );
  }
  if (spec.extra) options.push(spec.extra);
  return fc.oneof(...options);
}

/** Content types that are not JSON: the JSON routes must answer 415 or refuse the text. */
export const notJsonType = fc.constantFrom(
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/vnd.api+json',
  'text/html',
  'application/octet-stream',
  'image/png',
  'json',
  '*/*',
  'application/',
  'garbage/é',
);
/** Content types a JSON route accepts. */
export const jsonType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON');
