import { expect } from '@open-wc/testing';
import { dateTimeOf, dayLabel } from '../src/i18n/dates.js';

describe('dates (Intl)', () => {
  const now = new Date(2025, 10, 5, 15, 0); // Wednesday 5 November 2025, local time
  it('says today, yesterday, or the date, in the patient\'s language', () => {
    expect(dayLabel(new Date(2025, 10, 5, 8, 0).toISOString(), 'sv', now)).to.equal('I dag');
    expect(dayLabel(new Date(2025, 10, 4, 23, 0).toISOString(), 'sv', now)).to.equal('I går');
    expect(dayLabel(new Date(2025, 10, 4, 23, 0).toISOString(), 'en', now)).to.equal('Yesterday');
    expect(dayLabel(new Date(2025, 10, 3, 9, 0).toISOString(), 'sv', now)).to.equal('Måndag 3 november');
    expect(dayLabel(new Date(2024, 0, 5, 9, 0).toISOString(), 'en', now)).to.equal('Friday, January 5, 2024');
    expect(dayLabel('not a date', 'sv', now)).to.equal('');
  });

  it('formats appointment times with the day', () => {
    expect(dateTimeOf(new Date(2025, 10, 5, 9, 30).toISOString(), 'sv', now)).to.equal('I dag 09:30');
    expect(dateTimeOf(new Date(2025, 10, 7, 14, 0).toISOString(), 'en', now)).to.equal('Friday, November 7 02:00 PM');
  });
});
