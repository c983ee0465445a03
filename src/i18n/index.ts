/**
 * One small typed catalogue per language (chosen over @lit/localize: no build step, no extra
 * runtime, and the compiler checks every language has every key). Swedish is the default.
 */
import { en } from './en.js';
import { sv, type Catalogue, type MessageKey } from './sv.js';

export type { Catalogue, MessageKey };
export type Locale = 'sv' | 'en';
export const LOCALES: Record<Locale, Catalogue> = { sv, en };
export const DEFAULT_LOCALE: Locale = 'sv';

/** Picks the first supported language of the candidates (e.g. data-locale, page lang, browser). */
export function resolveLocale(...candidates: (string | null | undefined)[]): Locale {
  for (const c of candidates) {
    const base = c?.trim().toLowerCase().split(/[-_]/)[0];
    if (base && base in LOCALES) return base as Locale;
  }
  return DEFAULT_LOCALE;
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Returns a translator. Parameters replace `{name}` placeholders; values are plain text. */
export function translator(locale: Locale): Translate {
  const cat = LOCALES[locale] ?? LOCALES[DEFAULT_LOCALE];
  return (key, params) => {
    const template = cat[key] ?? sv[key] ?? key;
    return params ? template.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m)) : template;
  };
}
