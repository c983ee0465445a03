/**
 * Dates and times in the patient's locale through Intl: "I dag" / "I går" / a date for day
 * headings, the time on each message, and day-and-time inside sentences ("runt i dag 09:00").
 * Formatters are built once per language and cached: the first Intl.DateTimeFormat of a
 * language costs tens of milliseconds (its locale data), so `warmFormatters` builds them
 * while the page is idle, before the first message needs one.
 */
import { warmNumbers } from './fill.js';
import type { Locale } from './index.js';

type Formatter = Intl.DateTimeFormat | Intl.RelativeTimeFormat;
const cache = new Map<string, Formatter>();
function fmt<T extends Formatter>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f as T;
}

const valid = (d: Date) => !Number.isNaN(d.getTime());
const dayStart = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
/** Capital first letter: a label or heading that starts with a date ("I dag", "Måndag 3 november"). */
export const sentenceStart = (s: string): string => s.charAt(0).toLocaleUpperCase() + s.slice(1);

const relative = (locale: Locale) => fmt(`rel-${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
const time = (locale: Locale) => fmt(`time-${locale}`, () => new Intl.DateTimeFormat(locale, { timeStyle: 'short' }));
/** Weekday, day and month with the time, in the language's own pattern ("onsdag 5 november kl. 09:30"). */
const dayAndTime = (locale: Locale) => fmt(`dt-${locale}`, () => {
  const hour = time(locale).resolvedOptions().hour === '2-digit' ? '2-digit' : 'numeric';
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', hour, minute: '2-digit' });
});

/** Days from today: 0 today, -1 yesterday, 1 tomorrow. */
const daysFrom = (now: Date, d: Date) => Math.round((dayStart(d) - dayStart(now)) / 86_400_000);

/** Builds this language's formatters now (call when idle), so the first message does not pay for them. */
export function warmFormatters(locale: Locale): void {
  const d = new Date();
  warmNumbers(locale);
  relative(locale).format(0, 'day');
  time(locale).format(d);
  dayAndTime(locale).format(d);
  dayFormat(locale, false).format(d);
}

const dayFormat = (locale: Locale, withYear: boolean) => fmt(`day-${locale}-${withYear}`, () =>
  new Intl.DateTimeFormat(locale, withYear ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } : { weekday: 'long', day: 'numeric', month: 'long' }));

/** Local calendar day key, for grouping messages under one heading. */
export function dayKey(iso: string): string {
  const d = new Date(iso);
  return valid(d) ? `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}` : '';
}

/** A day heading: "I dag", "I går", "I morgon" (Intl.RelativeTimeFormat), else e.g. "Måndag 3 november". */
export function dayLabel(iso: string, locale: Locale, now = new Date()): string {
  const d = new Date(iso);
  if (!valid(d)) return '';
  const diff = daysFrom(now, d);
  if (Math.abs(diff) <= 1) return sentenceStart(relative(locale).format(diff, 'day'));
  return sentenceStart(dayFormat(locale, d.getFullYear() !== now.getFullYear()).format(d));
}

/** "09:30" (sv), "9:30 AM" (en): the language's short time. */
export function timeOf(iso: string, locale: Locale): string {
  const d = new Date(iso);
  return valid(d) ? time(locale).format(d) : '';
}

/**
 * Day and time for use inside a sentence, lower-case as Swedish writes it mid-sentence:
 * "i dag 09:30", "i morgon 10:00", else "tisdag 4 november kl. 10:30" ("Tuesday, November 4 at 10:30 AM").
 * Use `sentenceStart` where it begins a label.
 */
export function dateTimeOf(iso: string, locale: Locale, now = new Date()): string {
  const d = new Date(iso);
  if (!valid(d)) return '';
  const diff = daysFrom(now, d);
  if (Math.abs(diff) <= 1) return `${relative(locale).format(diff, 'day')} ${time(locale).format(d)}`;
  // the time as timeOf writes it ("kl. 07:00", not the "kl. 7:00" some engines give the combined pattern)
  const parts = dayAndTime(locale).formatToParts(d);
  const first = parts.findIndex((p) => p.type === 'hour');
  let last = first;
  for (let i = first; i >= 0 && i < parts.length; i++) if (['hour', 'minute', 'dayPeriod'].includes(parts[i]!.type)) last = i;
  if (first < 0) return parts.map((p) => p.value).join('');
  return [...parts.slice(0, first).map((p) => p.value), time(locale).format(d), ...parts.slice(last + 1).map((p) => p.value)].join('');
}
