/** The widget's API types are generated from openapi.yaml, and the committed file is what the generator makes now. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { API_TYPES_PATH, renderApiTypes, SPEC_URL } from '../../../scripts/gen-api-types.ts';

describe('widget/src/shared/api-types.ts', () => {
  it('is what `npm run gen:types` makes of openapi.yaml now', async () => {
    expect(readFileSync(API_TYPES_PATH, 'utf8')).toBe(await renderApiTypes());
  });

  it('follows a change to the spec: a field added to Usage appears in the generated types', async () => {
    const spec = parse(readFileSync(SPEC_URL, 'utf8')) as { components: { schemas: { Usage: { required: string[]; properties: Record<string, unknown> } } } };
    spec.components.schemas.Usage.properties.probeField = { type: 'integer' };
    spec.components.schemas.Usage.required.push('probeField');
    const changed = await renderApiTypes(stringify(spec));
    expect(changed).not.toBe(await renderApiTypes());
    const usage = changed.slice(changed.indexOf('        Usage: {'), changed.indexOf('        ErrorEntry: {'));
    expect(usage).toContain('probeField: number;');
  });
});
