/**
 * One small typed catalogue per language (chosen over @lit/localize: no build step, no extra
 * runtime, and the compiler checks that every language has every key). Swedish is the default.
 * The launcher's few strings live in shell.ts so the first download stays small.
 */
import { ar } from './ar.js';
import { en } from './en.js';
import { fill, type Translate } from './locale.js';
import { shellAr, shellEn, shellSv, type ShellKey } from './shell.js';
import { sv, type Catalogue as MainCatalogue, type MessageKey as MainKey } from './sv.js';

export type MessageKey = MainKey | ShellKey;
export type Catalogue = Record<MessageKey, string>;
export type Locale = 'sv' | 'en' | 'ar';
export const DEFAULT_LOCALE: Locale = 'sv';
export const LOCALES: Record<Locale, Catalogue> = {
  sv: { ...shellSv, ...sv },
  en: { ...shellEn, ...(en satisfies MainCatalogue) },
  // partial catalogues fall back to English string by string
  ar: { ...shellEn, ...en, ...shellAr, ...ar } as Catalogue,
};
export { resolveLocale, fill, direction } from './locale.js';
export type { Translate } from './locale.js';

/** Returns a translator. Parameters replace `{name}` placeholders; values are plain text. */
export function translator(locale: Locale): Translate<MessageKey> {
  const cat = LOCALES[locale] ?? LOCALES[DEFAULT_LOCALE];
  return (key, params) => fill(cat[key] ?? LOCALES.sv[key] ?? key, params);
}
