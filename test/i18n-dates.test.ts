import { expect } from '@open-wc/testing';
import { dateTimeOf, dayLabel, timeOf, warmFormatters } from '../src/i18n/dates.js';
import { fill } from '../src/i18n/fill.js';

/** ICU versions differ in the space before AM/PM (narrow no-break or plain): compare plain spaces. */
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('dates (Intl)', () => {
  const now = new Date(2025, 10, 5, 15, 0); // Wednesday 5 November 2025, local time
  const at = (d: number, h: number, m = 0) => new Date(2025, 10, d, h, m).toISOString();
  it('heads a day with today, yesterday, tomorrow, or the date, capitalised', () => {
    expect(dayLabel(at(5, 8), 'sv', now)).to.equal('I dag');
    expect(dayLabel(new Date(2025, 10, 4, 23, 0).toISOString(), 'sv', now)).to.equal('I går');
    expect(dayLabel(at(6, 8), 'sv', now)).to.equal('I morgon');
    expect(dayLabel(new Date(2025, 10, 4, 23, 0).toISOString(), 'en', now)).to.equal('Yesterday');
    expect(dayLabel(at(3, 9), 'sv', now)).to.equal('Måndag 3 november');
    expect(dayLabel(new Date(2024, 0, 5, 9, 0).toISOString(), 'en', now)).to.equal('Friday, January 5, 2024');
    expect(dayLabel('not a date', 'sv', now)).to.equal('');
  });

  it('writes the day lower-case inside a sentence ("runt i dag 09:00")', () => {
    expect(dateTimeOf(at(5, 9, 30), 'sv', now)).to.equal('i dag 09:30');
    expect(dateTimeOf(at(6, 10), 'sv', now)).to.equal('i morgon 10:00');
    expect(plain(dateTimeOf(at(5, 9, 30), 'en', now))).to.equal('today 9:30 AM');
    expect(dateTimeOf(at(7, 14), 'sv', now)).to.equal('fredag 7 november kl. 14:00');
    expect(plain(dateTimeOf(at(7, 14), 'en', now))).to.equal('Friday, November 7 at 2:00 PM');
  });

  it('gives the time in the language\'s own short form', () => {
    expect(timeOf(at(5, 9, 5), 'sv')).to.equal('09:05');
    expect(plain(timeOf(at(5, 9, 5), 'en'))).to.equal('9:05 AM');
  });

  it('builds the number format and plural rules when warmed, not on the first message that needs them', () => {
    const made = { NumberFormat: 0, PluralRules: 0 };
    const real = { NumberFormat: Intl.NumberFormat, PluralRules: Intl.PluralRules };
    for (const k of ['NumberFormat', 'PluralRules'] as const) {
      // counts constructions; a locale no other test uses, so nothing is cached yet
      (Intl as Record<string, unknown>)[k] = new Proxy(real[k], { construct: (t, a) => (made[k]++, Reflect.construct(t, a)) });
    }
    try {
      warmFormatters('de' as 'sv');
      expect(made, 'while warming').to.deep.equal({ NumberFormat: 1, PluralRules: 1 });
      expect(fill({ one: '{count} ny', other: '{count} nya' }, { count: 4000 }, 'de')).to.equal('4.000 nya');
      expect(made, 'after a message with a number').to.deep.equal({ NumberFormat: 1, PluralRules: 1 });
    } finally {
      Object.assign(Intl, real);
    }
  });
});
