/**
 * Writes widget/src/shared/api-types.ts, the TypeScript types of openapi.yaml (openapi-typescript).
 * `npm run gen:types` after any change to the spec; a test fails while the committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

/** The spec the types come from. */
export const SPEC_URL = new URL('../openapi.yaml', import.meta.url);
/** The generated file, committed so the widget builds without a generation step. */
export const API_TYPES_PATH = fileURLToPath(new URL('../widget/src/shared/api-types.ts', import.meta.url));

/** The file's text as the generator produces it from the spec (openapi.yaml, or YAML text). */
export async function renderApiTypes(source: URL | string = SPEC_URL): Promise<string> {
  // A default in the spec is what the server fills in when a client leaves the field out: requests keep it optional.
  const nodes = await openapiTS(source, { defaultNonNullable: false, alphabetize: false });
  return `${COMMENT_HEADER}${astToString(nodes)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = await renderApiTypes();
  const before = (() => {
    try {
      return readFileSync(API_TYPES_PATH, 'utf8');
    } catch {
      return '';
    }
  })();
  if (before === text) console.log(`${API_TYPES_PATH} is up to date`);
  else {
    writeFileSync(API_TYPES_PATH, text);
    console.log(`wrote ${API_TYPES_PATH}`);
  }
}
