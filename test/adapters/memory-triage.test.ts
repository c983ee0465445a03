import { expect } from '@open-wc/testing';
import { MemoryBackend } from '../../src/adapters/memory/memory-backend.js';
import { defaultTriage, defaultTriageEn } from '../../src/adapters/memory/fixtures.js';
import { BackendError } from '../../src/core/errors.js';
import { parseConfig } from '../../src/embed/config.js';
import { backendFor } from '../../src/embed/embed.js';

const fast = (extra = {}) => new MemoryBackend({ latencyMs: 0, persistence: null, autoReply: false, ...extra });
const demoFile = async (locale: string) => (await fetch(`/src/adapters/memory/questionnaires/contact-reason.${locale}.json`)).json();
const kind = async (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof BackendError ? e.kind : String(e)));

describe('MemoryBackend triage', () => {
  it('serves the demo questionnaire, in Swedish by default and in English on request, equal to the demo files', async () => {
    const b = fast();
    expect(await b.getTriage()).to.deep.equal(await demoFile('sv'));
    expect(await b.getTriage('en')).to.deep.equal(await demoFile('en'));
    expect((defaultTriage.item as unknown[]).length).to.equal(((await defaultTriageEn()).item as unknown[]).length);
  });

  it('serves a questionnaire given as an option, or none (not-found)', async () => {
    const own = { resourceType: 'Questionnaire' as const, id: 'own', item: [] };
    expect(await fast({ triage: own }).getTriage()).to.deep.equal(own);
    expect(await fast({ triage: async (l?: string) => ({ ...own, language: l }) }).getTriage('en')).to.deep.equal({ ...own, language: 'en' });
    expect(await kind(fast({ triage: null }).getTriage())).to.equal('not-found');
  });

  it('fetches a same-origin questionnaireUrl and refuses another origin', async () => {
    expect(await fast({ questionnaireUrl: '/src/adapters/memory/questionnaires/contact-reason.en.json' }).getTriage()).to.deep.equal(await demoFile('en'));
    expect(await kind(fast({ questionnaireUrl: 'https://example.com/q.json' }).getTriage())).to.equal('rejected');
    expect(await kind(fast({ questionnaireUrl: '/src/adapters/memory/questionnaires/missing.json' }).getTriage())).to.equal('not-found');
  });

  it('routes by the contact reason: administrative matters go async with an expected answer time and a subject', async () => {
    const b = fast({ mode: 'sync' });
    const renew = await b.startConversation({ reason: { code: 'prescription', display: 'Förnya ett recept' } });
    expect(renew.mode).to.equal('async');
    expect(renew.subject).to.equal('Förnya ett recept');
    expect(b.startRequests.get(renew.id)!.reason!.code).to.equal('prescription'); // what the clinic received
    expect(Date.parse(renew.expectedAnswerBy!)).to.be.greaterThan(Date.now());
    await b.closeConversation(renew.id);
    const advice = await b.startConversation({ reason: { code: 'advice' } });
    expect(advice.mode).to.equal('sync');
    expect(advice.expectedAnswerBy).to.equal(undefined);
  });

  it('the script tag takes a same-origin data-questionnaire and refuses (naming it) another origin', async () => {
    const other = parseConfig({ backend: 'mock', questionnaire: 'https://evil.example/q.json' }, location.href);
    expect(other.config).to.equal(undefined);
    expect(other.errors.join()).to.contain('data-questionnaire');
    const { config } = parseConfig({ backend: 'mock', questionnaire: '/src/adapters/memory/questionnaires/contact-reason.en.json' }, location.href);
    const own = backendFor(config!);
    expect(((await own.getTriage()) as { id?: string }).id).to.equal('contact-reason-en');
    const builtIn = backendFor(parseConfig({ backend: 'mock' }, location.href).config!);
    expect(((await builtIn.getTriage()) as { id?: string }).id).to.equal('contact-reason-sv');
  });

  it('the script tag\'s mock starts logged out, like a real deployment, and its login signs the demo patient in', async () => {
    const b = backendFor(parseConfig({ backend: 'mock' }, location.href).config!);
    expect(await b.getSession()).to.equal(null);
    await b.login!('bankid', location.href);
    expect((await b.getSession())?.name).to.equal('Testa Testsson');
    await b.logout!();
  });
});
