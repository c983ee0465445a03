import { expect } from '@open-wc/testing';

/**
 * The two parts of a catalogue (issue #18 / #16: a session downloads only the words it shows).
 * test/setup.ts loads every text for the other tests, so each test here imports a fresh copy of
 * the loader (a query string makes it a module of its own, with its own state).
 */
type LoadModule = typeof import('../src/i18n/load.js');
let n = 0;
const freshLoader = () => import(/* @vite-ignore */ `/src/i18n/load.ts?fresh=${++n}`) as Promise<LoadModule>;

describe('i18n: the features’ words load with the first feature', () => {
  it('a catalogue has the session’s words only until a feature asks for its own', async () => {
    const m = await freshLoader();
    const sv = await m.loadCatalogue('sv');
    expect(sv.send).to.equal('Skicka');
    expect(sv.triageNext, 'no triage words before a feature').to.equal(undefined);
    await m.loadFeatureTexts();
    expect(m.loaded.get('sv')!.triageNext).to.equal('Nästa');
    expect(m.loaded.get('sv')!.loginBankid).to.equal('Logga in med BankID');
  });

  it('a language loaded after that comes with the features’ words', async () => {
    const m = await freshLoader();
    await m.loadFeatureTexts();
    const en = await m.loadCatalogue('en');
    expect(en.triageNext).to.equal('Next');
    expect(en.send).to.equal('Send');
  });

  it('a language on its way when a feature asks gets them before it counts as loaded', async () => {
    const m = await freshLoader();
    const pending = m.loadCatalogue('en');
    const asked = m.loadFeatureTexts();
    const en = await pending;
    expect(en.bookingTitle, 'resolved whole').to.equal('Choose a time that suits you:');
    await asked;
    expect(m.isCatalogueLoaded('en')).to.equal(true);
  });

  it('Arabic (partial) gets the English feature words under its own', async () => {
    const m = await freshLoader();
    await m.loadFeatureTexts();
    const ar = await m.loadCatalogue('ar');
    expect(ar.evaluationSubmit).to.equal((await import('../src/i18n/en-features.js')).enFeatures.evaluationSubmit);
  });
});
