/** Small formatting helpers shared by the console's elements: error sentences, names, times. */
import { formatSize } from '../../../src/attachments/strings.js';
import { ConsoleApiError } from '../../core/api.js';
import type { ConsoleLocale, T } from '../../i18n/index.js';
import { QUEUES, type Author, type Queue } from '../../core/wire.js';

/** A Swedish (or English) sentence for any failure; never the raw server text. */
export function errorText(e: unknown, t: T): string {
  const code = e instanceof ConsoleApiError ? e.code : 'network';
  return t(`error_${code}`);
}

export function queueLabel(q: string, t: T): string {
  return (QUEUES as readonly string[]).includes(q) ? t(`queue_${q as Queue}`) : q;
}

export function authorName(a: Author, t: T): string {
  if (a.role === 'patient') return a.name ? `${t('authorPatient')} (${a.name})` : t('authorPatient');
  if (a.role === 'system') return t('authorSystem');
  return [a.name, a.profession].filter(Boolean).join(', ') || t('authorClinic');
}

const tag = (l: ConsoleLocale) => (l === 'sv' ? 'sv-SE' : 'en-GB');

export function timeText(iso: string, locale: ConsoleLocale): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString(tag(locale), { hour: '2-digit', minute: '2-digit' });
}

export function dateTimeText(iso: string, locale: ConsoleLocale): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(tag(locale), { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** A file's size as the patient's widget shows it (one function for both: `formatSize`). */
export const sizeText = (bytes: number, locale: ConsoleLocale): string => formatSize(bytes, locale);

/** "12 min" or "1 h 5 min" since `iso`. */
export function waitText(iso: string, now: number, t: T): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return t('minutes', { count: minutes });
  return t('hoursMinutes', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** The notice the app shows: an error (role=alert) or a confirmation (role=status). */
export interface Notice { kind: 'error' | 'info'; text: string }

/** Fired by any console element with something to tell the nurse; the app shows it. */
export class ConsoleNoticeEvent extends Event {
  static readonly eventName = 'vard-console-notice';
  constructor(readonly notice: Notice) {
    super(ConsoleNoticeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap { 'vard-console-notice': ConsoleNoticeEvent }
}
