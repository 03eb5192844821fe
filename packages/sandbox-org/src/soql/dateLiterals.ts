// Relative date literals (TODAY, LAST_N_DAYS:n, ...). Each resolves to a half-open range
// [lo, hi) of epoch milliseconds, computed in UTC (the sandbox org's time zone) from "now".
// Weeks start on Sunday, as in the en_US locale.
import { DAY_MS } from './values.ts';

/** Literals that take ':n'. */
const WITH_N = new Set(['LAST_N_DAYS', 'NEXT_N_DAYS', 'N_DAYS_AGO', 'LAST_N_WEEKS', 'NEXT_N_WEEKS', 'LAST_N_MONTHS', 'NEXT_N_MONTHS', 'LAST_N_YEARS', 'NEXT_N_YEARS']);

const FIXED = new Set(['YESTERDAY', 'TODAY', 'TOMORROW', 'LAST_WEEK', 'THIS_WEEK', 'NEXT_WEEK', 'LAST_MONTH', 'THIS_MONTH', 'NEXT_MONTH', 'LAST_90_DAYS', 'NEXT_90_DAYS', 'LAST_YEAR', 'THIS_YEAR', 'NEXT_YEAR']);

export function isRelativeDate(upper: string): boolean {
  return FIXED.has(upper) || WITH_N.has(upper);
}

export function takesN(upper: string): boolean {
  return WITH_N.has(upper);
}

function monthStart(y: number, m: number): number {
  return Date.UTC(y, m, 1); // Date.UTC normalises month overflow (m = 12, m = -1)
}

/** The range a relative literal covers at instant `now`. */
export function relativeRange(name: string, n: number, now: number): [number, number] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const d = new Date(today);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const week = today - d.getUTCDay() * DAY_MS;
  switch (name) {
    case 'YESTERDAY':
      return [today - DAY_MS, today];
    case 'TODAY':
      return [today, today + DAY_MS];
    case 'TOMORROW':
      return [today + DAY_MS, today + 2 * DAY_MS];
    case 'LAST_WEEK':
      return [week - 7 * DAY_MS, week];
    case 'THIS_WEEK':
      return [week, week + 7 * DAY_MS];
    case 'NEXT_WEEK':
      return [week + 7 * DAY_MS, week + 14 * DAY_MS];
    case 'LAST_MONTH':
      return [monthStart(y, mo - 1), monthStart(y, mo)];
    case 'THIS_MONTH':
      return [monthStart(y, mo), monthStart(y, mo + 1)];
    case 'NEXT_MONTH':
      return [monthStart(y, mo + 1), monthStart(y, mo + 2)];
    case 'LAST_YEAR':
      return [Date.UTC(y - 1, 0, 1), Date.UTC(y, 0, 1)];
    case 'THIS_YEAR':
      return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
    case 'NEXT_YEAR':
      return [Date.UTC(y + 1, 0, 1), Date.UTC(y + 2, 0, 1)];
    // "Starts with the current day and continues for the past n days": today is included.
    case 'LAST_90_DAYS':
      return [today - 90 * DAY_MS, today + DAY_MS];
    case 'LAST_N_DAYS':
      return [today - n * DAY_MS, today + DAY_MS];
    // Starts tomorrow and runs n days.
    case 'NEXT_90_DAYS':
      return [today + DAY_MS, today + 91 * DAY_MS];
    case 'NEXT_N_DAYS':
      return [today + DAY_MS, today + (n + 1) * DAY_MS];
    case 'N_DAYS_AGO':
      return [today - n * DAY_MS, today - (n - 1) * DAY_MS];
    case 'LAST_N_WEEKS':
      return [week - 7 * n * DAY_MS, week];
    case 'NEXT_N_WEEKS':
      return [week + 7 * DAY_MS, week + 7 * (n + 1) * DAY_MS];
    case 'LAST_N_MONTHS':
      return [monthStart(y, mo - n), monthStart(y, mo)];
    case 'NEXT_N_MONTHS':
      return [monthStart(y, mo + 1), monthStart(y, mo + 1 + n)];
    case 'LAST_N_YEARS':
      return [Date.UTC(y - n, 0, 1), Date.UTC(y, 0, 1)];
    default:
      return [Date.UTC(y + 1, 0, 1), Date.UTC(y + 1 + n, 0, 1)]; // NEXT_N_YEARS
  }
}
