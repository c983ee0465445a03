/**
 * Downloads a language's catalogue (each one a chunk of its own) once. Kept apart from the
 * translator: `<vard-chat>` (first-load code) needs only this.
 *
 * A catalogue comes in two parts: the session's texts (`sv.ts`) and the lazy features' texts
 * (`sv-features.ts`: triage, login, booking, the evaluation …). The second part is downloaded
 * once a feature asks for it (`loadFeatureTexts`, awaited by each feature's module before it
 * defines its elements), for every language loaded so far and for any loaded after that: a
 * session that shows none of those features never downloads their words.
 */
import type { Message } from './fill.js';
import { shellAr, shellEn, shellSv, type ShellKey } from './shell.js';
import type { MessageKey as MainKey } from './sv.js';
import type { FeatureKey } from './sv-features.js';

export type MessageKey = MainKey | FeatureKey | ShellKey;
export type Catalogue = Record<MessageKey, Message>;
export type Locale = 'sv' | 'en' | 'ar';
export const DEFAULT_LOCALE: Locale = 'sv';

const LOADERS: Record<Locale, () => Promise<Catalogue>> = {
  // the features' part comes later (addFeatureTexts)
  sv: async () => ({ ...shellSv, ...(await import('./sv.js')).sv }) as Catalogue,
  en: async () => ({ ...shellEn, ...(await import('./en.js')).en }) as Catalogue,
  // partial: falls back to English string by string
  ar: async () => {
    const [{ en }, { ar }] = await Promise.all([import('./en.js'), import('./ar.js')]);
    return { ...shellEn, ...en, ...shellAr, ...ar } as Catalogue;
  },
};

/** The features' texts per language (Arabic: partial, so English under the few it has). */
const FEATURE_LOADERS: Record<Locale, () => Promise<Partial<Catalogue>>> = {
  sv: async () => (await import('./sv-features.js')).svFeatures,
  en: async () => (await import('./en-features.js')).enFeatures,
  ar: async () => (await import('./en-features.js')).enFeatures,
};

/** @internal The catalogues downloaded so far (read by the translator). */
export const loaded = new Map<Locale, Catalogue>();
const loading = new Map<Locale, Promise<Catalogue>>();

/** Set by the first `loadFeatureTexts`: from then on every language comes with its features' texts. */
let withFeatures = false;
const featureTexts = new Map<Locale, Promise<void>>();

/** Adds the features' texts to a catalogue, once per language (a failure may be retried). */
function addFeatureTexts(locale: Locale, cat: Catalogue): Promise<void> {
  let p = featureTexts.get(locale);
  if (!p) {
    p = (FEATURE_LOADERS[locale] ?? FEATURE_LOADERS[DEFAULT_LOCALE])().then((more) => void Object.assign(cat, more));
    featureTexts.set(locale, p);
    p.catch(() => featureTexts.delete(locale));
  }
  return p;
}

/** Downloads a language's catalogue once; resolves when `translator(locale)` can use it. A failure may be retried. */
export function loadCatalogue(locale: Locale): Promise<Catalogue> {
  const have = loaded.get(locale);
  if (have) return withFeatures ? addFeatureTexts(locale, have).then(() => have) : Promise.resolve(have);
  let p = loading.get(locale);
  if (!p) {
    p = (LOADERS[locale] ?? LOADERS[DEFAULT_LOCALE])().then(async (cat) => {
      // set only once whole: a feature asked for its texts while this was on its way gets them too
      if (withFeatures) await addFeatureTexts(locale, cat);
      loaded.set(locale, cat);
      return cat;
    });
    loading.set(locale, p);
    void p.then(() => loading.delete(locale), () => loading.delete(locale));
  }
  return p;
}

/**
 * The lazy features' texts, for every language loaded or on its way and every one loaded later.
 * Each feature's module awaits it before it defines its elements; `loadFeature` starts it beside
 * the module's download, so the two come in parallel.
 */
export function loadFeatureTexts(): Promise<unknown> {
  withFeatures = true;
  return Promise.all([...new Set([...loaded.keys(), ...loading.keys()])].map((l) => loadCatalogue(l)));
}

/** Whether the catalogue is here (no download needed before rendering in this language). */
export function isCatalogueLoaded(locale: Locale): boolean {
  return loaded.has(locale);
}

