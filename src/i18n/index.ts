/**
 * One small typed catalogue per language (chosen over @lit/localize: no build step, no extra
 * runtime, and the compiler checks that every language has every key). Swedish is the default.
 * The launcher's few strings live in shell.ts so the first download stays small.
 *
 * Only the active language's catalogue is downloaded: `loadCatalogue(locale)` fetches it (a
 * chunk of its own) and `<vard-chat>` waits for it before it shows the panel, so `translator`
 * can stay synchronous. Switching the language loads the other one then.
 */
import { DEFAULT_LOCALE, loadCatalogue, loaded, type Catalogue, type Locale, type MessageKey } from './load.js';
import { fill } from './fill.js';
import type { Translate } from './locale.js';
import { shellEn, shellSv } from './shell.js';

export { DEFAULT_LOCALE, isCatalogueLoaded, loadCatalogue, loadFeatureTexts, type Catalogue, type Locale, type MessageKey } from './load.js';

export { resolveLocale, direction } from './locale.js';
export { fill, type Message, type Plural } from './fill.js';
export type { Translate } from './locale.js';

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
