/**
 * Validates requests against the schemas openapi.yaml gives each route. Bodies are checked as sent
 * (no type coercion, no defaults filled in: a default is the code's to apply, and `"5"` is not 5);
 * path and query values are strings on the wire, so those are coerced to the declared types.
 */
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS: under NodeNext its default import is the module object, whose `default` is the plugin.
const addFormats = addFormatsPlugin.default;

/** An Ajv for the contract's schemas (JSON Schema with OpenAPI's `discriminator`). */
export function contractAjv(options: { coerce: boolean }): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes: options.coerce ? 'array' : false,
    useDefaults: false,
    removeAdditional: false,
    discriminator: true,
    strictTypes: false,
    strictRequired: false,
  });
  addFormats(ajv);
  return ajv;
}

const forBodies = contractAjv({ coerce: false });
const forUrls = contractAjv({ coerce: true });

/**
 * Fastify's validator compiler for every route. Path and query values are coerced on a copy: the
 * route's own parsing (zod, with its messages and refinements) still reads the strings as sent.
 */
export const contractValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  if (httpPart === 'body') return forBodies.compile(schema as object);
  const validate = forUrls.compile(schema as object);
  const check = (data: unknown): boolean => {
    const valid = validate(structuredClone(data));
    check.errors = validate.errors;
    return valid;
  };
  check.errors = undefined as typeof validate.errors;
  return check;
};

/** One schema failure as `VALIDATION_FAILED` lists it: where (`body/records/0`, `query/limit`) and what. */
export function validationError(context: string, error: ErrorObject): { location: string; message: string } {
  const where = context === 'querystring' ? 'query' : context;
  const unknown = (error.params as { additionalProperty?: string }).additionalProperty;
  const message = `${error.message ?? 'is not valid'}${error.keyword === 'additionalProperties' && unknown ? `: ${unknown}` : ''}`;
  return { location: `${where}${error.instancePath}`, message };
}
