import { expect } from '@open-wc/testing';
import { LOCALES, resolveLocale, translator } from '../src/i18n/index.js';

describe('i18n', () => {
  it('has the same keys in every language, none empty', () => {
    const keys = Object.keys(LOCALES.sv).sort();
    for (const [loc, cat] of Object.entries(LOCALES)) {
      expect(Object.keys(cat).sort(), loc).to.deep.equal(keys);
      for (const [k, v] of Object.entries(cat)) expect(v.trim(), `${loc}.${k}`).not.to.equal('');
    }
  });
  it('resolves the first supported locale, Swedish by default', () => {
    expect(resolveLocale(undefined, 'en-GB', 'sv')).to.equal('en');
    expect(resolveLocale('fr', 'de-DE')).to.equal('sv');
    expect(resolveLocale('SV_se')).to.equal('sv');
  });
  it('fills placeholders with plain values', () => {
    expect(translator('sv')('statusQueuedWait', { position: 3, minutes: 5 })).to.equal('Du är nummer 3 i kön, cirka 5 minuter');
    expect(translator('en')('launcher')).to.equal('Chat with us');
  });
});
