// How field values are read for comparison and sorting. Each describe type falls into one
// category; every category maps a stored value to a primitive "key" (or null) so that the
// WHERE closures and the ORDER BY comparator only ever compare numbers, strings or booleans.

import { scalarText } from '../scalar-text.ts';

export type Category = 'string' | 'id' | 'number' | 'boolean' | 'date' | 'datetime';

export type Key = string | number | boolean;

const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent', 'long']);

export function categoryOf(type: string): Category {
  const t = type.toLowerCase();
  if (t === 'id' || t === 'reference') return 'id';
  if (t === 'boolean') return 'boolean';
  if (t === 'date') return 'date';
  if (t === 'datetime') return 'datetime';
  if (NUMBER_TYPES.has(t)) return 'number';
  return 'string'; // email, phone, picklist, textarea, url, ... all behave like text
}

/** Salesforce's spelling of the type in "must be of type X" messages. */
export function typeLabel(type: string): string {
  return type.toLowerCase() === 'datetime' ? 'dateTime' : type;
}

/**
 * Ids compare on their case-sensitive 15-character form, so a 15-char literal matches the
 * 18-char stored id (and vice versa), as in a real org.
 */
export function idKey(s: string): string {
  return s.length === 18 ? s.slice(0, 15) : s;
}

const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
export function isIdShaped(s: string): boolean {
  return ID_SHAPE.test(s);
}

const DAY_MS = 86_400_000;
export { DAY_MS };

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?)?$/;

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  if (y >= 100) return Date.UTC(y, mo, d, h, mi, s, ms);
  const date = new Date(0); // Date.UTC maps years 0-99 to 1900-1999
  date.setUTCFullYear(y, mo, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

/** Days in a 1-based month; years 0-99 borrow the leap rule of y + 2000 (same cycle). */
function daysIn(y: number, month: number): number {
  return new Date(Date.UTC(y < 100 ? y + 2000 : y, month, 0)).getUTCDate();
}

/**
 * Parses 'YYYY-MM-DD' or an ISO date-time with 'Z', '+hh:mm' or '+hhmm' (the stored
 * '...000+0000' form) into epoch milliseconds. requireZone: literals need an explicit zone;
 * stored values without one are read as UTC. Returns null when the text is not a valid date.
 */
export function parseInstant(text: string, requireZone = false): number | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  if (m[4] === undefined) return utc(y, mo - 1, d, 0, 0, 0, 0);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const s = Number(m[6]);
  if (h > 23 || mi > 59 || s > 59) return null;
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  let offsetMin = 0;
  const zone = m[8];
  if (zone === undefined) {
    if (requireZone) return null;
  } else if (zone !== 'Z') {
    const digits = zone.replace(':', '');
    const oh = Number(digits.slice(1, 3));
    const om = Number(digits.slice(3, 5));
    if (oh > 23 || om > 59) return null;
    offsetMin = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return utc(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60_000;
}

// Stored date-times repeat across queries (same records, paged many times), so a bounded
// cache saves the regex work; cleared wholesale when full to keep it trivially bounded.
const instantCache = new Map<string, number | null>();

function cachedInstant(text: string): number | null {
  let v = instantCache.get(text);
  if (v === undefined) {
    if (instantCache.size >= 50_000) instantCache.clear();
    v = parseInstant(text);
    instantCache.set(text, v);
  }
  return v;
}

/** Stored value → comparable key for the category; null/undefined/'' all count as null. */
export function toKey(category: Category, v: unknown): Key | null {
  if (v === null || v === undefined || v === '') return null;
  switch (category) {
    case 'string':
      return scalarText(v).toLowerCase();
    case 'id':
      return idKey(scalarText(v));
    case 'number': {
      const n = typeof v === 'number' ? v : Number(v);
      return Number.isNaN(n) ? null : n;
    }
    case 'boolean':
      return v === true || v === 'true';
    case 'date': {
      // A date stored with a time part still denotes its calendar day.
      if (typeof v === 'string') return cachedInstant(v.length > 10 ? v.slice(0, 10) : v);
      return v instanceof Date ? Math.floor(v.getTime() / DAY_MS) * DAY_MS : null;
    }
    case 'datetime':
      if (typeof v === 'string') return cachedInstant(v);
      if (typeof v === 'number') return v;
      return v instanceof Date ? v.getTime() : null;
  }
}
