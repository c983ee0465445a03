/**
 * Dates and times in the patient's locale through Intl: "i dag" / "i går" / a date for day
 * headings, the time on each message, and date-and-time for appointments. Formatters are cached.
 */
import type { Locale } from './index.js';

const cache = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function fmt<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f as T;
}

const valid = (d: Date) => !Number.isNaN(d.getTime());
const dayStart = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
const cap = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** Local calendar day key, for grouping messages under one heading. */
export function dayKey(iso: string): string {
  const d = new Date(iso);
  return valid(d) ? `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}` : '';
}

/** "I dag", "I går" (Intl.RelativeTimeFormat), else e.g. "måndag 3 november 2025". */
export function dayLabel(iso: string, locale: Locale, now = new Date()): string {
  const d = new Date(iso);
  if (!valid(d)) return '';
  const diff = Math.round((dayStart(now) - dayStart(d)) / 86_400_000);
  if (diff === 0 || diff === 1) {
    return cap(fmt(`rel-${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })).format(-diff, 'day'));
  }
  const opts: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };
  if (d.getFullYear() !== now.getFullYear()) opts.year = 'numeric';
  return cap(fmt(`day-${locale}-${opts.year ?? ''}`, () => new Intl.DateTimeFormat(locale, opts)).format(d));
}

/** "14:05". */
export function timeOf(iso: string, locale: Locale): string {
  const d = new Date(iso);
  return valid(d) ? fmt(`time-${locale}`, () => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' })).format(d) : '';
}

/** Day label and time, e.g. "I morgon"-free: "tisdag 4 november 10:30" or "I dag 10:30". */
export function dateTimeOf(iso: string, locale: Locale, now = new Date()): string {
  const d = new Date(iso);
  if (!valid(d)) return '';
  const diff = Math.round((dayStart(now) - dayStart(d)) / 86_400_000);
  const day = diff === 0 || diff === 1 ? dayLabel(iso, locale, now)
    : fmt(`dt-${locale}`, () => new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long' })).format(d);
  return `${day} ${timeOf(iso, locale)}`;
}
