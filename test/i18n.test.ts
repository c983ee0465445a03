import { expect } from '@open-wc/testing';
import { en } from '../src/i18n/en.js';
import { isCatalogueLoaded, resolveLocale, translator, type Message, type MessageKey } from '../src/i18n/index.js';
import { shellEn, shellSv } from '../src/i18n/shell.js';
import { sv } from '../src/i18n/sv.js';
import { svFeatures } from '../src/i18n/sv-features.js';
import { enFeatures } from '../src/i18n/en-features.js';

const CATALOGUES = { sv: { ...shellSv, ...sv, ...svFeatures }, en: { ...shellEn, ...en, ...enFeatures } } as Record<'sv' | 'en', Record<MessageKey, Message>>;

/** Representative values for each placeholder, by name: numbers where the text counts something. */
const SAMPLE: Record<string, string | number> = {
  clinic: 'Vårdcentralen Norr', name: 'Anna Berg', title: 'Vårdcentralen', queue: 'Sjuksköterskor',
  date: 'i morgon 10:00', when: 'i morgon 10:00', time: 'i dag 09:00', slot: 'i morgon 10:00–10:30, videomöte',
  hint: '12', profession: 'sjuksköterska', phone: '070-123 45 67', linkId: 'q1', issue: 'stöds inte: choice', feature: 'choice',
};
const NUMBERS = ['count', 'position', 'minutes', 'seconds', 'max', 'length', 'n', 'total'];

function paramsOf(msg: Message, n: number): Record<string, string | number> {
  const text = typeof msg === 'string' ? msg : Object.values(msg).join(' ');
  const params: Record<string, string | number> = {};
  for (const [, p] of text.matchAll(/\{(\w+)\}/g)) params[p!] = NUMBERS.includes(p!) ? n : SAMPLE[p!] ?? p!;
  return params;
}

describe('i18n', () => {
  it('has the same keys in Swedish and English, none empty', () => {
    expect(Object.keys(CATALOGUES.en).sort()).to.deep.equal(Object.keys(CATALOGUES.sv).sort());
    for (const [loc, cat] of Object.entries(CATALOGUES)) {
      for (const [k, v] of Object.entries(cat)) {
        for (const s of typeof v === 'string' ? [v] : Object.values(v)) expect(s.trim(), `${loc}.${k}`).not.to.equal('');
      }
    }
  });

  // every key, both languages, with 0, 1, 2 and 4,000 for the numbers
  for (const locale of ['sv', 'en'] as const) {
    it(`${locale}: every message reads cleanly with representative parameters`, () => {
      const t = translator(locale);
      const problems: string[] = [];
      for (const [key, msg] of Object.entries(CATALOGUES[locale]) as [MessageKey, Message][]) {
        for (const n of [0, 1, 2, 4000]) {
          const out = t(key, paramsOf(msg, n));
          const where = `${key} (${n}): "${out}"`;
          if (/\{\w+\}/.test(out)) problems.push(`placeholder left in ${where}`);
          if (/ {2}/.test(out)) problems.push(`double space in ${where}`);
          if (out !== out.trim()) problems.push(`space at an end of ${where}`);
          if (/\s[.,:;!?](\s|$)/.test(out)) problems.push(`space before punctuation in ${where}`);
          if (/\.\.(?!\.)/.test(out)) problems.push(`double full stop in ${where}`);
          if (/vårdportal|patient portal/i.test(out)) problems.push(`a place that does not exist in ${where}`);
        }
        // a message with plural forms: the forms for 1 and 2 differ beyond the number itself
        if (typeof msg !== 'string') {
          const one = t(key, paramsOf(msg, 1)).replace('1', '#');
          const two = t(key, paramsOf(msg, 2)).replace('2', '#');
          if (one === two) problems.push(`plural forms of ${key} do not differ: "${one}"`);
        }
      }
      expect(problems).to.deep.equal([]);
    });
  }

  it('uses the same, known placeholders in both languages', () => {
    const names = (m: Message) => [...new Set([...(typeof m === 'string' ? m : Object.values(m).join(' ')).matchAll(/\{(\w+)\}/g)].map((x) => x[1]!))].sort();
    for (const key of Object.keys(CATALOGUES.sv) as MessageKey[]) {
      const sv = names(CATALOGUES.sv[key]);
      expect(names(CATALOGUES.en[key]), key).to.deep.equal(sv);
      for (const p of sv) expect(NUMBERS.includes(p) || p in SAMPLE, `${key}: {${p}}`).to.equal(true);
    }
  });

  it('picks the plural form through Intl.PluralRules', () => {
    const sv = translator('sv');
    expect(sv('unreadCount', { count: 1 })).to.equal('1 oläst');
    expect(sv('unreadCount', { count: 3 })).to.equal('3 olästa');
    expect(sv('newMessages', { count: 1 })).to.equal('1 nytt meddelande');
    expect(sv('statusQueuedWait', { position: 2, minutes: 1 })).to.equal('Du är nummer 2 i kön, cirka 1 minut');
    expect(sv('launcherUnread', { count: 1 })).to.equal('Chatta med oss. Olästa meddelanden: 1'); // no plural in first-load code
    expect(translator('en')('charsOver', { count: 1 })).to.equal('1 character too many');
  });

  it('formats numbers for the language', () => {
    expect(translator('sv')('charsOver', { count: 5996 })).to.equal('5\u00a0996 tecken för mycket');
    expect(translator('en')('charsOver', { count: 5996 })).to.equal('5,996 characters too many');
  });

  it('resolves the first supported locale, Swedish by default', () => {
    expect(resolveLocale(undefined, 'en-GB', 'sv')).to.equal('en');
    expect(resolveLocale('fr', 'de-DE')).to.equal('sv');
    expect(resolveLocale('SV_se')).to.equal('sv');
  });

  it('fills placeholders with plain values', () => {
    expect(isCatalogueLoaded('sv')).to.equal(true);
    expect(translator('sv')('statusQueuedWait', { position: 3, minutes: 5 })).to.equal('Du är nummer 3 i kön, cirka 5 minuter');
    expect(translator('en')('launcher')).to.equal('Chat with us');
    expect(translator('sv')('chatWith', { name: '<b>{count}</b>' })).to.equal('Chatt med <b>{count}</b>');
  });
});
