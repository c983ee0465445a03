/**
 * One small typed catalogue per language (chosen over @lit/localize: no build step, no extra
 * runtime, and the compiler checks that every language has every key). Swedish is the default.
 * The launcher's few strings live in shell.ts so the first download stays small.
 *
 * Only the active language's catalogue is downloaded: `loadCatalogue(locale)` fetches it (a
 * chunk of its own) and `<vard-chat>` waits for it before it shows the panel, so `translator`
 * can stay synchronous. Switching the language loads the other one then.
 */
import { fill, type Message, type Translate } from './locale.js';
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

const loaded = new Map<Locale, Catalogue>();
const loading = new Map<Locale, Promise<Catalogue>>();

/** Downloads a language's catalogue once; resolves when `translator(locale)` can use it. */
export function loadCatalogue(locale: Locale): Promise<Catalogue> {
  const have = loaded.get(locale);
  if (have) return Promise.resolve(have);
  let p = loading.get(locale);
  if (!p) {
    const load = LOADERS[locale] ?? LOADERS[DEFAULT_LOCALE];
    p = load().then(
      (cat) => (loaded.set(locale, cat), loading.delete(locale), cat),
      (err: unknown) => {
        loading.delete(locale); // a later open may try again
        throw err;
      },
    );
    loading.set(locale, p);
  }
  return p;
}

/** Whether the catalogue is here (no download needed before rendering in this language). */
export function isCatalogueLoaded(locale: Locale): boolean {
  return loaded.has(locale);
}

export { resolveLocale, fill, direction } from './locale.js';
export type { Translate, Message, Plural } from './locale.js';

/**
 * Returns a translator. Parameters replace `{name}` placeholders; values are plain text.
 * A language not loaded yet (see `loadCatalogue`) falls back to one that is, else to the
 * launcher's strings, else to the key: never an exception.
 */
export function translator(locale: Locale): Translate<MessageKey> {
  const cat = loaded.get(locale);
  if (!cat) void loadCatalogue(locale).catch(() => undefined);
  const other: Locale | undefined = loaded.has(DEFAULT_LOCALE) ? DEFAULT_LOCALE : loaded.has('en') ? 'en' : undefined;
  const fallback = other ? loaded.get(other)! : ((locale === 'en' ? shellEn : shellSv) as Partial<Catalogue>);
  return (key, params) => {
    const own = cat?.[key];
    if (own !== undefined) return fill(own, params, locale);
    const msg = fallback[key];
    return msg === undefined ? key : fill(msg, params, other ?? locale);
  };
}
