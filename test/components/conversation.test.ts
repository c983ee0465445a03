import { expect } from '@open-wc/testing';
import { PHYSIOTHERAPIST } from '../../src/adapters/memory/fixtures.js';
import { parseKindPayload } from '../../src/protocol/messages.js';
import { buttonByText, card, waitForEl, conv, fast, log, mount, sendAndWait, statusLine, textarea, typeAndSend, waitFor } from './conversation-helpers.js';

describe('<vard-conversation>', () => {
  it('sync: queue position and wait update, then the clinician joins with name and profession', async () => {
    const backend = fast({ mode: 'sync' });
    const view = await mount(backend);
    typeAndSend(view, 'Hej');
    await waitFor(() => statusLine(view).includes('nummer 1 i kön'));
    await backend.setQueue(3, 6);
    await waitFor(() => statusLine(view) === 'Du är nummer 3 i kön, cirka 6 minuter');
    await expect(view).to.be.accessible();
    await backend.setQueue(2, 4);
    await waitFor(() => statusLine(view) === 'Du är nummer 2 i kön, cirka 4 minuter');
    await backend.setQueue(0);
    await waitFor(() => statusLine(view) === 'Du chattar med Anna Svensson, sjuksköterska');
    await waitFor(() => log(view)!.textContent!.includes('Anna Svensson, sjuksköterska anslöt till chatten.'));
    await backend.setPresence(true);
    await waitFor(() => conv(view)!.shadowRoot!.querySelector('.presence')?.textContent?.includes('är ansluten'));
    await expect(view).to.be.accessible();
    // handed over to someone else: Anna's presence no longer says anything about them
    await backend.handOver('physiotherapist', PHYSIOTHERAPIST);
    await waitFor(() => statusLine(view).includes(PHYSIOTHERAPIST.name!));
    expect(conv(view)!.shadowRoot!.querySelector('.presence')?.textContent ?? null).to.equal(null);
    backend.dispose();
  });

  it('async: whose turn it is, with the expected answer time, and day headings via Intl', async () => {
    const backend = fast({ mode: 'async' });
    const view = await mount(backend, 'en');
    await sendAndWait(view, 'A question');
    await waitFor(() => statusLine(view).startsWith('Waiting for a reply from the clinic. An answer is expected by'));
    await waitFor(() => log(view)!.querySelector('.day')?.textContent === 'Today');
    await backend.clinicianSend('An answer');
    await waitFor(() => statusLine(view) === 'The clinic is waiting for your reply');
    await expect(view).to.be.accessible();
    backend.dispose();
  });

  it('shows the typing indicator and clears it, and sends the patient typing throttled', async () => {
    const backend = fast();
    const view = await mount(backend);
    await sendAndWait(view, 'Hej');
    textarea(view)!.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await waitFor(() => backend.patientTyping === true);
    const typing = () => conv(view)!.shadowRoot!.querySelector('.typing')!.textContent!;
    await backend.clinicianTyping(true);
    await waitFor(() => typing() === 'Anna Svensson, sjuksköterska skriver …');
    await backend.clinicianTyping(false);
    await waitFor(() => typing() === '');
    typeAndSend(view, 'Mer'); // sending stops the typing signal at once
    await waitFor(() => backend.patientTyping === false);
    backend.dispose();
  });

  it('a handover to a named person shows the new assignee, with the queue’s profession', async () => {
    const backend = fast();
    const view = await mount(backend);
    await sendAndWait(view, 'Hej');
    await backend.clinicianSend('Hej!');
    await backend.handOver('physiotherapist', PHYSIOTHERAPIST);
    await waitFor(() => statusLine(view) === 'Du chattar med Erik Lind, fysioterapeut');
    expect(log(view)!.textContent).to.contain('Du har flyttats till Erik Lind (fysioterapeut).');
    expect(log(view)!.textContent).not.to.contain('kan inte visas i chatten');
    backend.dispose();
  });

  for (const [locale, expected] of [['sv', 'Du har flyttats till läkare.'], ['en', 'You have been moved to a doctor.']] as const) {
    it(`a handover to a queue names the queue’s profession in the patient’s language (${locale})`, async () => {
      const backend = fast();
      const view = await mount(backend, locale);
      await sendAndWait(view, 'Hej');
      await backend.clinicianSend('Hej!');
      await backend.handOver('doctor');
      await waitFor(() => log(view)!.textContent!.includes(expected));
      await expect(view).to.be.accessible();
      backend.dispose();
    });
  }

  it('a booking slot choice reaches the backend once', async () => {
    const backend = fast();
    const view = await mount(backend);
    await sendAndWait(view, 'Hej');
    await waitFor(() => backend.responses.length === 0 && conv(view));
    const offer = await backend.proposeSlots();
    const actionId = parseKindPayload('booking', offer!.payload)!.actionId;
    await waitFor(() => card(view, 'vard-booking')?.shadowRoot?.querySelector('button'));
    const booking = card(view, 'vard-booking')!;
    await expect(booking).to.be.accessible();
    const first = booking.shadowRoot!.querySelector('button')!;
    first.click();
    first.click();
    await waitFor(() => booking.shadowRoot!.querySelector('.done'));
    expect(booking.shadowRoot!.querySelector('.done')!.textContent).to.match(/^Du valde .*besök på mottagningen/);
    await waitFor(() => backend.responses.length > 0);
    expect(backend.responses, 'the second click never reached the backend').to.have.length(1);
    // the protocol's answer, posted to the payload's actionId (not the message id)
    expect(backend.responses[0]).to.deep.equal({ conversationId: offer!.conversationId, actionId, response: { slotId: 'slot-1' } });
    expect(actionId).not.to.equal(offer!.id);
    backend.dispose();
  });

  it('a booking can be declined: { declined: true }', async () => {
    const backend = fast();
    const view = await mount(backend);
    await sendAndWait(view, 'Hej');
    await backend.proposeSlots();
    const booking = await waitForEl(() => card(view, 'vard-booking'));
    await waitFor(() => buttonByText(booking.shadowRoot, 'Ingen av tiderna passar'));
    buttonByText(booking.shadowRoot, 'Ingen av tiderna passar')!.click();
    await waitFor(() => backend.responses.length === 1);
    expect(backend.responses[0]!.response).to.deep.equal({ declined: true });
    await waitFor(() => booking.shadowRoot!.textContent!.includes('Du har bett om andra tider.'));
    backend.dispose();
  });

  it("an inline questionnaire's response reaches the backend", async () => {
    const backend = fast();
    const view = await mount(backend);
    await sendAndWait(view, 'Hej');
    await backend.sendQuestionnaire();
    // the clinic's questionnaire is answered with the same form as the pre-chat triage
    const q = await waitForEl(() => card(view, 'vard-inline-questionnaire'));
    const form = await waitForEl(() => q.shadowRoot!.querySelector('vard-triage'));
    await expect(q).to.be.accessible();
    const input = await waitForEl(() => form.shadowRoot!.querySelector('input'));
    input.value = 'Alvedon';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    buttonByText(form.shadowRoot, 'Nästa')!.click(); // to the allergies question (optional)
    await waitFor(() => form.shadowRoot!.textContent!.includes('Har du några allergier?'));
    buttonByText(form.shadowRoot, 'Nästa')!.click(); // to the summary
    await waitFor(() => buttonByText(form.shadowRoot, 'Skicka svaren'));
    buttonByText(form.shadowRoot, 'Skicka svaren')!.click();
    await waitFor(() => backend.responses.length === 1);
    expect(backend.responses[0]!.response).to.deep.include({ resourceType: 'QuestionnaireResponse', status: 'completed' });
    expect((backend.responses[0]!.response as { item: unknown[] }).item).to.deep.equal([
      { linkId: 'medication', text: 'Vilka läkemedel tar du just nu?', answer: [{ valueString: 'Alvedon' }] },
    ]);
    await waitFor(() => q.shadowRoot!.textContent!.includes('Tack, dina svar är skickade.'));
    backend.dispose();
  });

  it('the evaluation is submitted after closing', async () => {
    const backend = fast();
    const view = await mount(backend);
    await sendAndWait(view, 'Hej');
    await backend.clinicianSend('Hej!');
    await backend.closeWithEvaluation();
    await waitFor(() => conv(view)!.shadowRoot!.querySelector('vard-evaluation')?.shadowRoot?.querySelector('form'));
    expect(statusLine(view)).to.equal('Chatten är avslutad');
    const ev = conv(view)!.shadowRoot!.querySelector('vard-evaluation')!;
    expect(ev.shadowRoot!.querySelector('legend')!.textContent).to.equal('Hur nöjd är du med chatten?');
    await expect(view).to.be.accessible();
    buttonByText(ev.shadowRoot, 'Skicka omdömet')!.click();
    await waitFor(() => ev.shadowRoot!.querySelector('[role="alert"]'));
    // each step shows the questionnaire's own label
    const labels = [...ev.shadowRoot!.querySelectorAll('label.option')].map((l) => l.textContent!.trim());
    expect(labels).to.deep.equal(['Mycket missnöjd', 'Missnöjd', 'Varken nöjd eller missnöjd', 'Nöjd', 'Mycket nöjd']);
    (ev.shadowRoot!.querySelector('input[value="4"]') as HTMLInputElement).click();
    ev.shadowRoot!.querySelector('textarea')!.value = 'Bra';
    buttonByText(ev.shadowRoot, 'Skicka omdömet')!.click();
    await waitFor(() => backend.evaluations.length === 1);
    expect(backend.evaluations[0]!.answers.questionnaire).to.equal('Questionnaire/chat-evaluation');
    expect(backend.evaluations[0]!.answers.item).to.deep.equal([
      { linkId: 'satisfaction', text: 'Hur nöjd är du med chatten?', answer: [{ valueCoding: { code: '4', display: 'Nöjd' } }] },
      { linkId: 'comment', text: 'Vill du berätta mer?', answer: [{ valueString: 'Bra' }] },
    ]);
    await waitFor(() => ev.shadowRoot!.textContent!.includes('Tack för ditt svar!'));
    backend.dispose();
  });

  it('the evaluation can be skipped, and nothing reaches the backend', async () => {
    const backend = fast();
    const view = await mount(backend, 'en');
    await sendAndWait(view, 'Hi');
    // without a questionnaire the widget asks the reference scale in the patient's language
    await backend.closeConversation(undefined, { evaluation: {} });
    await waitFor(() => conv(view)!.shadowRoot!.querySelector('vard-evaluation')?.shadowRoot?.querySelector('form'));
    const ev = conv(view)!.shadowRoot!.querySelector('vard-evaluation')!;
    expect(ev.shadowRoot!.querySelector('legend')!.textContent).to.equal('How satisfied are you with the chat?');
    expect(ev.shadowRoot!.textContent).to.contain('Very satisfied');
    buttonByText(ev.shadowRoot, 'Skip')!.click();
    await waitFor(() => !ev.shadowRoot!.querySelector('form'));
    expect(backend.evaluations).to.have.length(0);
    expect(buttonByText(conv(view)!.shadowRoot, 'New chat')).to.exist;
    backend.dispose();
  });
});
