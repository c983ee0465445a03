/** Locale helpers shared by the launcher (first load) and the full catalogues. */
export const SUPPORTED = ['sv', 'en', 'ar'] as const;

/** Languages written right to left. */
const RTL = new Set(['ar', 'he', 'fa', 'ur']);
export const direction = (locale: string): 'rtl' | 'ltr' => (RTL.has(locale) ? 'rtl' : 'ltr');

/** Picks the first supported language of the candidates (e.g. data-locale, page lang, browser). */
export function resolveLocale(...candidates: (string | null | undefined)[]): (typeof SUPPORTED)[number] {
  for (const c of candidates) {
    const base = c?.trim().toLowerCase().split(/[-_]/)[0];
    if (base && (SUPPORTED as readonly string[]).includes(base)) return base as (typeof SUPPORTED)[number];
  }
  return 'sv';
}

export type Translate<K extends string = string> = (key: K, params?: Record<string, string | number>) => string;

/** Replaces `{name}` placeholders with plain values (the launcher's strings; the catalogues use `fill`). */
export function fillPlain(template: string, params?: Record<string, string | number>): string {
  return params ? template.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m)) : template;
}
