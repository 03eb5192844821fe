/**
 * Field values on the wire: coercion of client JSON into stored values, with Salesforce's
 * split between errors of the whole request (JSON_PARSER_ERROR: the body could not be
 * deserialised) and errors of one record (STRING_TOO_LONG, INVALID_EMAIL_ADDRESS, …).
 */
import { scalarText } from '../scalar-text.ts';
import type { FieldDef } from './fields.ts';

/** A record-level error in Salesforce's shape (collections rename errorCode to statusCode). */
export interface RecordError {
  errorCode: string;
  message: string;
  fields: string[];
}

export type Coerced = { ok: true; value: unknown } | { ok: false; scope: 'request' | 'record'; error: RecordError };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;
// Salesforce's own check is loose too: something@something.tld, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `2026-11-30T01:23:45.000+0000`, the datetime format Salesforce writes. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${formatDate(ms)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`;
}

/** `YYYY-MM-DD` in UTC. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Milliseconds of an ISO-8601 datetime (`+0000`, `Z` or `+00:00` offsets), else undefined. */
export function parseDateTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !DATETIME.test(value)) return undefined;
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? undefined : ms;
}

function tokenOf(raw: unknown): string {
  if (Array.isArray(raw)) return 'START_ARRAY';
  if (typeof raw === 'object') return 'START_OBJECT';
  if (typeof raw === 'boolean') return raw ? 'VALUE_TRUE' : 'VALUE_FALSE';
  if (typeof raw === 'number') return Number.isInteger(raw) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
  return 'VALUE_STRING';
}

function jsonError(f: FieldDef, raw: unknown, javaType: string): Coerced {
  const shown = typeof raw === 'object' ? '' : ` value ${scalarText(raw)}`;
  return {
    ok: false,
    scope: 'request',
    error: {
      errorCode: 'JSON_PARSER_ERROR',
      message: `Cannot deserialize instance of ${javaType} from ${tokenOf(raw)}${shown} or request may be missing a required field`,
      fields: [f.name],
    },
  };
}

function recordError(f: FieldDef, errorCode: string, message: string): Coerced {
  return { ok: false, scope: 'record', error: { errorCode, message: `${f.label}: ${message}`, fields: [f.name] } };
}

function coerceText(f: FieldDef, raw: unknown): Coerced {
  if (typeof raw === 'object') return jsonError(f, raw, 'string');
  const value = scalarText(raw);
  if (value === '') return { ok: true, value: null };
  if (f.length > 0 && value.length > f.length) {
    return recordError(f, 'STRING_TOO_LONG', `data value too large: ${value} (max length=${f.length})`);
  }
  if (f.type === 'email' && !EMAIL.test(value)) return recordError(f, 'INVALID_EMAIL_ADDRESS', `invalid email address: ${value}`);
  if (f.type === 'picklist' && f.restrictedPicklist && !f.picklistValues.some((p) => p.value === value)) {
    return recordError(f, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `bad value for restricted picklist field: ${value}`);
  }
  return { ok: true, value };
}

function coerceNumber(f: FieldDef, raw: unknown): Coerced {
  const javaType = f.type === 'int' ? 'int' : 'double';
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (Number.isNaN(n) || typeof raw === 'boolean' || typeof raw === 'object') return jsonError(f, raw, javaType);
  if (f.type === 'int' && !Number.isInteger(n)) return recordError(f, 'INVALID_TYPE_ON_FIELD_IN_RECORD', `value not of required type: ${n}`);
  const integerDigits = f.type === 'int' ? f.digits : f.precision - f.scale;
  if (!Number.isFinite(n) || Math.abs(Math.trunc(n)) >= 10 ** integerDigits) {
    return recordError(f, 'NUMBER_OUTSIDE_VALID_RANGE', `value outside of valid range on numeric field: ${n}`);
  }
  const factor = 10 ** f.scale;
  return { ok: true, value: f.type === 'int' ? n : Math.round(n * factor) / factor };
}

/**
 * Turn one client value into the stored value for a field. Reference targets and required
 * fields are checked later by the write path, which knows the records.
 */
export function coerceValue(f: FieldDef, raw: unknown): Coerced {
  if (raw === null) return { ok: true, value: f.type === 'boolean' ? false : null };
  switch (f.type) {
    case 'boolean':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
      return jsonError(f, raw, 'boolean');
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return coerceNumber(f, raw);
    case 'date':
      if (typeof raw !== 'string' || !DATE.test(raw) || Number.isNaN(Date.parse(raw))) return jsonError(f, raw, 'date');
      return { ok: true, value: raw };
    case 'datetime': {
      const ms = parseDateTime(raw);
      return ms === undefined ? jsonError(f, raw, 'datetime') : { ok: true, value: formatDateTime(ms) };
    }
    case 'id':
    case 'reference':
      if (typeof raw !== 'string') return jsonError(f, raw, 'id');
      return { ok: true, value: raw === '' ? null : raw };
    default:
      return coerceText(f, raw);
  }
}
