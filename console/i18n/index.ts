/**
 * The console's catalogues: Swedish (default) and English. The same small typed-catalogue
 * approach as the widget (src/i18n): the compiler checks that English has every Swedish key.
 */
import { fillPlain, type Translate } from '../../src/i18n/locale.js';
import { en } from './en.js';
import { sv, type ConsoleCatalogue, type ConsoleKey } from './sv.js';

export type ConsoleLocale = 'sv' | 'en';
export type { ConsoleKey };
export type T = Translate<ConsoleKey>;
export const CONSOLE_LOCALES: Record<ConsoleLocale, ConsoleCatalogue> = { sv, en };

/** Returns a translator; parameters replace `{name}` placeholders as plain text. */
export function consoleTranslator(locale: ConsoleLocale): T {
  const cat = CONSOLE_LOCALES[locale] ?? sv;
  return (key, params) => fillPlain(cat[key] ?? sv[key] ?? key, params);
}

/** The console's language: `?lang=en` is not used (nothing in the URL); the page's lang or the browser's. */
export function consoleLocale(...candidates: (string | null | undefined)[]): ConsoleLocale {
  for (const c of candidates) {
    const base = c?.trim().toLowerCase().split(/[-_]/)[0];
    if (base === 'sv' || base === 'en') return base;
  }
  return 'sv';
}
