/**
 * Messages with plural forms and numbers, for the full catalogues (panel code; the launcher's
 * few strings need neither and use `fillPlain`).
 */

/**
 * A message that depends on a number: one text per plural category of the language
 * (Intl.PluralRules: `one`, `other`, and for some languages `zero`, `two`, `few`, `many`).
 * `by` names the parameter that decides (default `count`).
 */
export interface Plural {
  by?: string;
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}
export type Message = string | Plural;

const plurals = new Map<string, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();

/**
 * Fills `{name}` placeholders with plain values (numbers formatted for the language, "4 000")
 * after choosing the plural form, if the message has several. Values are never re-read as
 * placeholders or markup.
 */
export function fill(message: Message, params?: Record<string, string | number>, locale = 'sv'): string {
  let template: string;
  if (typeof message === 'string') template = message;
  else {
    const n = Number(params?.[message.by ?? 'count']);
    let rules = plurals.get(locale);
    if (!rules) plurals.set(locale, (rules = new Intl.PluralRules(locale)));
    template = (Number.isFinite(n) ? message[rules.select(n)] : undefined) ?? message.other;
  }
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, p: string) => {
    if (!(p in params)) return m;
    const v = params[p]!;
    if (typeof v === 'string') return v;
    let nf = numbers.get(locale);
    if (!nf) numbers.set(locale, (nf = new Intl.NumberFormat(locale)));
    return nf.format(v);
  });
}

/**
 * Builds the language's plural rules and number format now (call when idle, with the date
 * formatters): the first of each costs a millisecond or more, on the first messages' path.
 */
export const warmNumbers = (locale: string): void => void fill({ other: '{n}' }, { n: 1 }, locale);
