/**
 * Downloads a language's catalogue (each one a chunk of its own) once. Kept apart from the
 * translator: `<vard-chat>` (first-load code) needs only this.
 */
import type { Message } from './fill.js';
import { shellAr, shellEn, shellSv, type ShellKey } from './shell.js';
import type { MessageKey as MainKey } from './sv.js';

export type MessageKey = MainKey | ShellKey;
export type Catalogue = Record<MessageKey, Message>;
export type Locale = 'sv' | 'en' | 'ar';
export const DEFAULT_LOCALE: Locale = 'sv';

const LOADERS: Record<Locale, () => Promise<Catalogue>> = {
  sv: async () => ({ ...shellSv, ...(await import('./sv.js')).sv }),
  en: async () => ({ ...shellEn, ...(await import('./en.js')).en }),
  // partial: falls back to English string by string
  ar: async () => {
    const [{ en }, { ar }] = await Promise.all([import('./en.js'), import('./ar.js')]);
    return { ...shellEn, ...en, ...shellAr, ...ar } as Catalogue;
  },
};

/** @internal The catalogues downloaded so far (read by the translator). */
export const loaded = new Map<Locale, Catalogue>();
const loading = new Map<Locale, Promise<Catalogue>>();

/** Downloads a language's catalogue once; resolves when `translator(locale)` can use it. A failure may be retried. */
export function loadCatalogue(locale: Locale): Promise<Catalogue> {
  const have = loaded.get(locale);
  if (have) return Promise.resolve(have);
  let p = loading.get(locale);
  if (!p) {
    p = (LOADERS[locale] ?? LOADERS[DEFAULT_LOCALE])().then((cat) => (loaded.set(locale, cat), cat));
    loading.set(locale, p);
    void p.then(() => loading.delete(locale), () => loading.delete(locale));
  }
  return p;
}

/** Whether the catalogue is here (no download needed before rendering in this language). */
export function isCatalogueLoaded(locale: Locale): boolean {
  return loaded.has(locale);
}

