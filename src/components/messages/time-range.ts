import { dateTimeOf, timeOf } from '../../i18n/dates.js';
import type { Locale } from '../../i18n/index.js';

/** "tisdag 4 december 14:00–15:00" (the end's date too when it is another day; lower-case: `sentenceStart` where it begins a label). */
export function timeRange(start: string, end: string, locale: Locale, now: Date): string {
  const sameDay = new Date(start).toDateString() === new Date(end).toDateString();
  return `${dateTimeOf(start, locale, now)}–${sameDay ? timeOf(end, locale) : dateTimeOf(end, locale, now)}`;
}
