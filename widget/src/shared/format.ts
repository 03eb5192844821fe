/** Number, time and label formatting in the page's locale and time zone. */
import type { Direction } from './types.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const clockFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayClockFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit' });

/** 12,345 */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** Whole percent of `part` in `whole`, 0 when `whole` is 0. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}

/** The clock time of `ms`; with the weekday when it is not on the same day as `referenceMs`. */
export function formatClock(ms: number, referenceMs: number): string {
  const sameDay = dayFormat.format(ms) === dayFormat.format(referenceMs);
  return (sameDay ? clockFormat : dayClockFormat).format(ms);
}

/** "2 h 14 min", "45 min", "less than a minute"; "1 d 3 h" past a day. */
export function formatDuration(ms: number): string {
  if (ms < MINUTE_MS) return 'less than a minute';
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${minutes} min`;
}

/** "lead-score" → "Lead score" */
export function relationshipLabel(relationship: string): string {
  const words = relationship.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const DIRECTIONS: Record<Direction, string> = {
  push: 'Push to Salesforce',
  pull: 'Pull from Salesforce',
  passthrough: 'Passthrough',
  settings: 'Settings and mappings',
};

/** How a direction reads in the breakdown. */
export function directionLabel(direction: Direction): string {
  return DIRECTIONS[direction] ?? direction;
}
