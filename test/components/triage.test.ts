import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryBackend } from '../../src/adapters/memory/memory-backend.js';
import { defaultTriage } from '../../src/adapters/memory/fixtures.js';
import type { VardChat } from '../../src/components/vard-chat/vard-chat.js';
import type { VardTriage } from '../../src/components/triage/triage.js';
import type { StartConversationRequest } from '../../src/core/backend.js';
import { BackendError } from '../../src/core/errors.js';
import type { Questionnaire } from '../../src/core/triage/types.js';
import type { VardTriageCompleteEvent } from '../../src/events/triage-complete-event.js';
import type { VardTriageEmergencyEvent } from '../../src/events/triage-emergency-event.js';
import '../../src/define/vard-triage.js';
import '../../src/define/panel.js';
import '../../src/define/vard-chat.js';
import { deepQuery } from '../deep.js';
import { waitFor } from '../wait.js';

const deepActive = () => {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};
const root = (el: VardTriage) => el.shadowRoot!;
const text = (el: VardTriage) => root(el).textContent!.replace(/\s+/g, ' ');
const settle = async (el: VardTriage) => {
  await el.updateComplete;
  // not a timed sleep: one task boundary, after which focus moved in `updated` has settled
  await new Promise((r) => setTimeout(r, 0));
};
const press = async (el: VardTriage, key: string, times = 1) => {
  for (let i = 0; i < times; i++) await sendKeys({ press: key });
  await settle(el);
};
const type = async (el: VardTriage, value: string) => {
  await sendKeys({ type: value });
  await settle(el);
};
const focusedLabel = () => (deepActive() as HTMLInputElement).closest('label')?.textContent?.trim();

async function form(questionnaire: unknown = structuredClone(defaultTriage), extra = {}) {
  const el = await fixture<VardTriage>(html`<vard-triage .questionnaire=${questionnaire} locale="sv"></vard-triage>`);
  Object.assign(el, extra);
  el.focus();
  await settle(el);
  return el;
}

describe('<vard-triage>', () => {
  it('walks the whole demo questionnaire by keyboard, to a QuestionnaireResponse', async () => {
    const el = await form();
    const done: VardTriageCompleteEvent[] = [];
    el.addEventListener('vard-triage-complete', (e) => done.push(e));
    expect(text(el)).to.contain('Fråga 1 av cirka 4'); // the longest branch
    expect(focusedLabel()).to.equal('Råd om symtom'); // focus is on the question's first option
    await press(el, 'Space'); // reason: advice
    expect(text(el)).to.contain('Fråga 1 av cirka 4');
    await press(el, 'Enter');
    expect(text(el)).to.contain('Fråga 2 av cirka 5'); // fever would add the temperature
    expect(text(el)).to.contain('Om dina besvär');
    await press(el, 'Tab', 3); // chest pain, breathing, stroke signs → fever
    expect(focusedLabel()).to.equal('Feber');
    await press(el, 'Space');
    await press(el, 'Enter');
    expect(focusedLabel()).to.equal('Mindre än ett dygn');
    await press(el, 'ArrowDown'); // 1–3 dagar
    await press(el, 'Enter');
    expect((deepActive() as HTMLElement).id).to.equal('triage-field'); // the temperature field
    await type(el, '38,5');
    await press(el, 'Enter');
    await type(el, 'Ont i halsen');
    await press(el, 'Tab', 2); // Tillbaka, Nästa
    await press(el, 'Enter');
    expect((deepActive() as HTMLElement).id).to.equal('triage-heading');
    expect(text(el)).to.contain('Kontrollera dina svar');
    expect(text(el)).to.contain('38,5');
    await press(el, 'Tab', 7); // five "Ändra", Tillbaka, Starta chatten
    expect(deepActive()!.textContent!.trim()).to.equal('Starta chatten');
    await press(el, 'Enter');
    expect(done).to.have.length(1);
    const { response, reason } = done[0]!;
    expect(reason!.code).to.equal('advice');
    expect(response.status).to.equal('completed');
    expect(response.questionnaire).to.equal('https://vardchat.se/fhir/Questionnaire/contact-reason|1.0.0');
    const group = response.item!.find((i) => i.linkId === 'symptoms')!;
    expect(group.item!.map((i) => [i.linkId, i.answer])).to.deep.equal([
      ['symptom', [{ valueCoding: { system: 'https://vardchat.se/fhir/CodeSystem/symptom', code: 'fever', display: 'Feber' } }]],
      ['duration', [{ valueString: '1–3 dagar' }]],
      ['temperature', [{ valueDecimal: 38.5 }]],
      ['description', [{ valueString: 'Ont i halsen' }]],
    ]);
  });

  it('walks the booking branch: yes/no by keyboard, and a date for a booked visit', async () => {
    const el = await form();
    const done: VardTriageCompleteEvent[] = [];
    el.addEventListener('vard-triage-complete', (e) => done.push(e));
    await press(el, 'ArrowDown'); // booking
    await press(el, 'Enter');
    expect(text(el)).to.contain('Din tid');
    await press(el, 'Space'); // book a new visit
    await press(el, 'Enter');
    expect(text(el)).to.contain('videosamtal');
    await press(el, 'Space'); // yes
    await press(el, 'Enter');
    expect(text(el)).to.contain('Kontrollera dina svar');
    await press(el, 'Tab', 4); // 3 × Ändra, Tillbaka
    await press(el, 'Enter'); // back to the video question
    await press(el, 'Tab'); // from the radio group to Tillbaka
    await press(el, 'Enter');
    expect(focusedLabel()).to.equal('Boka en ny tid');
    await press(el, 'ArrowDown'); // change a booked visit
    await press(el, 'Enter');
    const date = root(el).getElementById('triage-field') as HTMLInputElement;
    expect(date.type).to.equal('date');
    date.value = '2026-03-14';
    date.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await press(el, 'Enter');
    expect(text(el)).to.contain('2026-03-14');
    expect(text(el)).not.to.contain('videosamtal'); // the video answer's question is no longer enabled
    (root(el).querySelector('.primary') as HTMLButtonElement).click();
    const visit = done[0]!.response.item!.find((i) => i.linkId === 'visit')!;
    expect(visit.item!.map((i) => i.linkId)).to.deep.equal(['visit-action', 'visit-date']);
    expect(visit.item![1]!.answer).to.deep.equal([{ valueDate: '2026-03-14' }]);
  });

  it('is accessible on the first question and with an error shown, tied to its field', async () => {
    const el = await form();
    await expect(el).to.be.accessible();
    await press(el, 'Enter'); // nothing chosen
    const alert = root(el).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.equal('Svara på frågan för att gå vidare.');
    const field = root(el).getElementById('triage-field')!;
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(field.getAttribute('aria-describedby')).to.equal(alert.id);
    expect(focusedLabel()).to.equal('Råd om symtom');
    await expect(el).to.be.accessible();
  });

  it('keeps a half-typed answer when the same questionnaire arrives again as a new object, starts over for a different one', async () => {
    const el = await form();
    await press(el, 'ArrowDown', 2); // booking → prescription
    await press(el, 'Enter');
    await type(el, 'Levax');
    el.questionnaire = structuredClone(defaultTriage); // e.g. the message was updated by a read mark
    await settle(el);
    expect((root(el).getElementById('triage-field') as HTMLInputElement | null)?.value).to.equal('Levax');
    const other = structuredClone(defaultTriage) as Questionnaire;
    other.id = 'another';
    el.questionnaire = other;
    await settle(el);
    expect(text(el), 'back at the first question').to.contain('Vad gäller din kontakt?');
    expect(text(el)).not.to.contain('Levax');
  });

  it('validates typed answers: maxLength and numbers, with the error on the input', async () => {
    const el = await form();
    await press(el, 'ArrowDown', 2); // booking → prescription
    await press(el, 'Enter');
    await type(el, 'x'.repeat(201));
    await press(el, 'Enter');
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('högst 200 tecken');
    const input = root(el).getElementById('triage-field') as HTMLInputElement;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain('triage-error');
    expect(input.style.fontSize || getComputedStyle(input).fontSize).to.equal('16px');
    input.select();
    await type(el, 'Levaxin');
    await press(el, 'Enter');
    await type(el, 'tre');
    await press(el, 'Enter');
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('heltal');
  });

  it('a red flag shows the emergency guidance (accessible), and going back to change the answer goes on', async () => {
    const el = await form();
    const emergencies: VardTriageEmergencyEvent[] = [];
    let completed = 0;
    el.addEventListener('vard-triage-emergency', (e) => emergencies.push(e));
    el.addEventListener('vard-triage-complete', () => completed++);
    await press(el, 'Space');
    await press(el, 'Enter');
    await press(el, 'Space'); // chest pain
    await press(el, 'Tab');
    await press(el, 'Space'); // and breathing
    await press(el, 'Enter');
    expect(emergencies).to.have.length(1);
    expect(emergencies[0]!.flags.map((f) => f.linkId)).to.deep.equal(['chest-and-breathing']);
    expect(text(el)).to.contain('Ring 112 om det är akut och livshotande. Ring 1177 för sjukvårdsrådgivning.');
    expect(text(el)).to.contain('andningssvårigheter kan vara tecken');
    expect((deepActive() as HTMLElement).id).to.equal('triage-heading');
    expect(root(el).querySelector('a[href="tel:112"]')).to.exist;
    await expect(el).to.be.accessible();
    await press(el, 'Tab', 3); // tel:112, tel:1177, back
    await press(el, 'Enter');
    expect(text(el)).to.contain('Vilka besvär har du?');
    await press(el, 'Space'); // the focused, checked "chest pain" off again
    await press(el, 'Enter');
    expect(text(el)).to.contain('Hur länge har du haft besvären?');
    expect(completed).to.equal(0);
  });

  it('is accessible on the summary, takes a custom final label, and "Ändra" goes back to the question', async () => {
    const el = await form(structuredClone(defaultTriage), { submitLabel: 'Skicka svar' });
    await press(el, 'ArrowDown', 4); // other
    await press(el, 'Enter');
    await type(el, 'Intyg');
    await press(el, 'Tab', 2);
    await press(el, 'Enter');
    expect(text(el)).to.contain('Skicka svar');
    expect(text(el)).not.to.contain('Starta chatten');
    await expect(el).to.be.accessible();
    (root(el).querySelector('.summary button') as HTMLButtonElement).click();
    await settle(el);
    expect(focusedLabel()).to.equal('Annat');
  });

  it('shows the engine error naming the linkId and the feature for an unsupported questionnaire', async () => {
    const bad = { resourceType: 'Questionnaire', item: [{ linkId: 'photo', type: 'attachment', text: 'Bifoga en bild' }] };
    const el = await form(bad);
    const alert = root(el).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Fråga "photo": stöds inte: type "attachment"');
    expect(root(el).querySelector('input, textarea, form')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('renders hostile questionnaire texts as inert text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const link = '<a href="javascript:window.__pwned=1">klicka</a>';
    const q: Questionnaire = {
      resourceType: 'Questionnaire', id: 'x',
      item: [
        { linkId: 'a', type: 'choice', text: hostile, prefix: link, answerOption: [{ valueString: link }, { valueCoding: { code: 'c', display: hostile } }] },
        { linkId: 'g', type: 'group', text: link, item: [{ linkId: 'b', type: 'string', text: 'javascript:alert(1)' }] },
      ],
    };
    const el = await form(q);
    expect(root(el).querySelector('img, a[href^="javascript"], script')).to.equal(null);
    expect(root(el).querySelector('legend')!.textContent).to.equal(`${link} ${hostile}`);
    expect(text(el)).to.contain(link);
    await press(el, 'Space');
    await press(el, 'Enter');
    expect(root(el).querySelector('.group')!.textContent).to.equal(link);
    expect(root(el).querySelector('img, a[href^="javascript"]')).to.equal(null);
    // a control image with a broken source: once its error has fired, an injected one's would have too
    await new Promise((r) => Object.assign(new Image(), { onerror: r, src: 'data:image/png;base64,broken' }));
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});

describe('<vard-chat> with the pre-chat triage', () => {
  const chatView = (el: VardChat) => el.shadowRoot!.querySelector('vard-chat-view')!;
  const triageOf = (el: VardChat) => chatView(el)?.shadowRoot?.querySelector('vard-triage') as VardTriage | null | undefined;

  async function open(backend: MemoryBackend) {
    const el = await fixture<VardChat>(html`<vard-chat .backend=${backend} locale="sv"></vard-chat>`);
    (el.shadowRoot!.querySelector('.launcher') as HTMLButtonElement).click();
    await waitFor(() => triageOf(el)?.shadowRoot?.querySelector('input'));
    const form = triageOf(el)!;
    await waitFor(() => focusedLabel() === 'Råd om symtom'); // focus moved into the first question
    return { el, form };
  }

  it('a red-flag answer shows the emergency guidance and starts no conversation', async () => {
    const backend = new MemoryBackend({ latencyMs: 5, persistence: null, autoReply: false });
    let started = 0;
    const start = backend.startConversation.bind(backend);
    backend.startConversation = (req) => (started++, start(req));
    const { form } = await open(backend);
    await press(form, 'Space');
    await press(form, 'Enter');
    await press(form, 'Tab', 2); // stroke signs
    await press(form, 'Space');
    await press(form, 'Enter');
    expect(text(form)).to.contain('Ring 112 om det är akut och livshotande.');
    expect(text(form)).to.contain('tecken på stroke');
    // a start would have been asked before this round trip to the backend (5 ms latency) is back
    expect(await backend.listConversations()).to.deep.equal([]);
    expect(started).to.equal(0);
    backend.dispose();
  });

  it('completing it starts the conversation with the answers and the reason, then shows the composer', async () => {
    const backend = new MemoryBackend({ latencyMs: 5, persistence: null, autoReply: false });
    const requests: StartConversationRequest[] = [];
    const start = backend.startConversation.bind(backend);
    backend.startConversation = (req) => (requests.push(req), start(req));
    const { el, form } = await open(backend);
    await press(form, 'ArrowDown', 2); // prescription
    await press(form, 'Enter');
    await type(form, 'Levaxin 50 mikrogram');
    await press(form, 'Enter');
    await press(form, 'Enter'); // days left: optional
    await press(form, 'Tab', 5); // 3 × Ändra, Tillbaka, Starta chatten
    await press(form, 'Enter');
    const view = chatView(el);
    await waitFor(() => deepQuery(view, 'vard-composer'));
    expect(requests).to.have.length(1);
    expect(requests[0]!.reason).to.deep.equal({ system: 'https://vardchat.se/fhir/CodeSystem/contact-reason', code: 'prescription', display: 'Förnya ett recept' });
    expect(JSON.stringify(requests[0]!.triage)).to.contain('Levaxin 50 mikrogram');
    const [conv] = await backend.listConversations();
    expect(conv!.mode).to.equal('async'); // the mock routes a renewal to the asynchronous queue
    expect(conv!.subject).to.equal('Förnya ett recept');
    expect(view.shadowRoot!.querySelector('.next-steps')!.textContent).to.contain('vården svarar här i chatten senast');
    await waitFor(() => deepActive()?.tagName === 'TEXTAREA').catch(() => { throw new Error('focus on ' + deepActive()?.outerHTML.slice(0, 80)); });
    await expect(el).to.be.accessible();
    backend.dispose();
  });

  it('a failed load offers a retry; a failed start keeps the answers and can be tried again', async () => {
    const backend = new MemoryBackend({ latencyMs: 5, persistence: null, autoReply: false });
    const getTriage = backend.getTriage.bind(backend);
    let loads = 0;
    backend.getTriage = (l) => (++loads === 1 ? Promise.reject(new BackendError('unavailable')) : getTriage(l));
    const startOnce = backend.startConversation.bind(backend);
    let starts = 0;
    backend.startConversation = (req) => (++starts === 1 ? Promise.reject(new BackendError('network')) : startOnce(req));
    const el = await fixture<VardChat>(html`<vard-chat .backend=${backend} locale="sv"></vard-chat>`);
    (el.shadowRoot!.querySelector('.launcher') as HTMLButtonElement).click();
    const viewRoot = () => chatView(el)?.shadowRoot;
    await waitFor(() => viewRoot()?.textContent?.includes('Frågorna kunde inte laddas.'));
    await expect(el).to.be.accessible();
    (viewRoot()!.querySelector('.retry-load') as HTMLButtonElement).click();
    await waitFor(() => triageOf(el)?.shadowRoot?.querySelector('input'));
    const form = triageOf(el)!;
    form.focus();
    await settle(form);
    await press(form, 'ArrowDown', 4); // other
    await press(form, 'Enter');
    await type(form, 'Ett intyg');
    await press(form, 'Tab', 2);
    await press(form, 'Enter');
    const startButton = () => [...form.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Starta chatten')!;
    startButton().click();
    await waitFor(() => viewRoot()!.querySelector('[role="alert"]')?.textContent?.includes('Chatten kunde inte startas'));
    expect(text(form)).to.contain('Ett intyg'); // the summary, answers kept
    await waitFor(() => !startButton().disabled);
    startButton().click();
    await waitFor(() => deepQuery(viewRoot()!, 'vard-composer'));
    expect(starts).to.equal(2);
    backend.dispose();
  });

  it('an unusable questionnaire from the backend shows the engine error and lets the patient chat without it', async () => {
    const backend = new MemoryBackend({
      latencyMs: 5, persistence: null, autoReply: false,
      triage: { resourceType: 'Questionnaire', item: [{ linkId: 'vs', type: 'choice', answerValueSet: 'http://x' }] },
    });
    const el = await fixture<VardChat>(html`<vard-chat .backend=${backend} locale="en"></vard-chat>`);
    (el.shadowRoot!.querySelector('.launcher') as HTMLButtonElement).click();
    await waitFor(() => triageOf(el)?.shadowRoot?.querySelector('[role="alert"]'));
    expect(triageOf(el)!.shadowRoot!.textContent).to.contain('Question "vs": not supported: answerValueSet');
    const skip = [...chatView(el).shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Chat without the questions')!;
    skip.click();
    await waitFor(() => deepQuery(chatView(el), 'vard-composer'));
    backend.dispose();
  });
});
