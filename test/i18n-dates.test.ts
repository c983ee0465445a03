import { expect } from '@open-wc/testing';
import { dateTimeOf, dayLabel, timeOf } from '../src/i18n/dates.js';

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
});
