import { expect } from '@open-wc/testing';
import { freshClinic, startWorker, worker, type FakeClinic } from './fake-api.js';
import { alertText, button, deepQuery, field, loginAs, mountConsole, statusText, threadText, type, waitFor } from './helpers.js';
import type { VardConsole } from '../../console/components/app/app.js';

/** Logs in and takes the one waiting patient. */
async function withConversation(c: FakeClinic): Promise<VardConsole> {
  c.addConversation({ id: 'c1', patientName: 'Astrid Andersson' });
  const { app } = await mountConsole();
  await loginAs(app);
  button(app, 'Ta nästa patient i kön Sjuksköterska')!.click();
  await waitFor(() => field(app, 'Svar'), 4000, 'conversation open');
  // taking a patient ends by moving focus to the conversation's heading; wait for it, or it may
  // land after the test has opened a form and steal focus from it
  await waitFor(() => deepQuery(app, 'vard-console-conversation')?.shadowRoot?.activeElement?.id === 'conv-heading', 4000, 'focus on the heading');
  return app;
}

const lastSend = (c: FakeClinic) => c.bodiesTo(/^\/conversations\/c1\/messages$/).at(-1) as Record<string, unknown>;

describe('console actions', function () {
  // axe on a whole console with an open form takes seconds on a loaded machine: a hang guard, not a speed check
  this.timeout(30_000);
  let c: FakeClinic;
  before(startWorker);
  after(() => worker.stop());
  beforeEach(() => {
    c = freshClinic();
  });

  it('offers two booking slots (a visit and a video meeting) with the times the nurse set', async () => {
    const app = await withConversation(c);
    const toggle = button(app, 'Föreslå tider')!;
    toggle.click();
    await waitFor(() => field(app, 'Text till patienten'));
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    await expect(deepQuery(app, 'vard-console-actions')!).to.be.accessible();
    const date = deepQuery<HTMLInputElement>(app, '#slot-0-date')!;
    date.value = '2030-03-04';
    deepQuery<HTMLInputElement>(app, '#slot-0-time')!.value = '09:30';
    deepQuery<HTMLInputElement>(app, '#slot-1-date')!.value = '2030-03-05';
    deepQuery<HTMLSelectElement>(app, '#slot-1-type')!.value = 'video';
    deepQuery<HTMLInputElement>(app, '#slot-1-label')!.value = 'Dr <i>Berg</i>';
    button(app, 'Skicka tiderna')!.click();
    await waitFor(() => statusText(app).includes('Skickat.'), 4000, 'sent');
    const sent = lastSend(c) as { kind: string; text: string; payload: { slots: { start: string; end: string; type: string; label?: string }[] } };
    expect(sent.kind).to.equal('booking');
    expect(sent.text).to.equal('Här är några tider du kan välja mellan.');
    expect(sent.payload).not.to.have.property('actionId'); // the server adds it
    expect(sent.payload.slots.map((s) => s.type)).to.deep.equal(['visit', 'video']);
    expect(sent.payload.slots[0]!.start).to.equal(new Date('2030-03-04T09:30').toISOString());
    expect(Date.parse(sent.payload.slots[0]!.end) - Date.parse(sent.payload.slots[0]!.start)).to.equal(20 * 60_000);
    expect(sent.payload.slots[1]!.label).to.equal('Dr <i>Berg</i>');
    await waitFor(() => threadText(app).includes('Dr <i>Berg</i>'), 4000, 'offer in thread as text');
    expect(deepQuery(app, '[role="log"] i')).to.equal(null);
    // the form closed and focus went back to its button
    expect(field(app, 'Text till patienten')).to.equal(null);
    await waitFor(() => (app.shadowRoot!.activeElement as HTMLElement | null)?.tagName === 'VARD-CONSOLE-ACTIONS');
  });

  it('a wrong field is named and nothing is sent; the form keeps its values', async () => {
    const app = await withConversation(c);
    button(app, 'Skicka videolänk')!.click();
    await waitFor(() => field(app, 'Länk till mötet (https)'));
    type(field(app, 'Länk till mötet (https)')!, 'javascript:alert(1)');
    button(app, 'Skicka länken')!.click();
    await waitFor(() => alertText(app).includes('Länken måste börja med https://'));
    expect(c.bodiesTo(/\/messages$/)).to.have.length(0);
    await expect(app).to.be.accessible();
    type(field(app, 'Länk till mötet (https)')!, 'https://video.example.se/m/123');
    button(app, 'Skicka länken')!.click();
    await waitFor(() => statusText(app).includes('Skickat.'));
    const sent = lastSend(c) as { kind: string; payload: { url: string; start: string } };
    expect(sent.kind).to.equal('video');
    expect(sent.payload.url).to.equal('https://video.example.se/m/123');
  });

  it('a failed offer keeps the form open with what was filled in', async () => {
    const app = await withConversation(c);
    button(app, 'Erbjud återuppringning')!.click();
    await waitFor(() => field(app, 'Text till patienten'));
    type(field<HTMLTextAreaElement>(app, 'Text till patienten')!, 'Vi ringer dig i morgon.');
    c.failures.push(['POST', /\/messages$/, 503]);
    button(app, 'Skicka förslaget')!.click();
    await waitFor(() => alertText(app).startsWith('Något gick fel hos servern.'));
    expect(field<HTMLTextAreaElement>(app, 'Text till patienten')!.value).to.equal('Vi ringer dig i morgon.');
    button(app, 'Skicka förslaget')!.click();
    await waitFor(() => statusText(app).includes('Skickat.'));
    const sent = lastSend(c) as { kind: string; text: string; payload: { windows: { id: string; start: string; end: string }[] } };
    expect(sent).to.include({ kind: 'callback', text: 'Vi ringer dig i morgon.' });
    expect(sent.payload.windows).to.have.length(1);
    expect(sent.payload.windows[0]!.end > sent.payload.windows[0]!.start).to.equal(true);
  });

  it('sends a questionnaire, hands over to a named colleague, and closes with evaluation', async () => {
    const app = await withConversation(c);
    button(app, 'Skicka formulär')!.click();
    await waitFor(() => field(app, 'Formulär'));
    button(app, 'Skicka formuläret')!.click();
    await waitFor(() => statusText(app).includes('Skickat.'));
    const q = lastSend(c) as { kind: string; payload: { questionnaire: { resourceType: string; item: unknown[] } } };
    expect(q.kind).to.equal('questionnaire');
    expect(q.payload.questionnaire.resourceType).to.equal('Questionnaire');
    await waitFor(() => deepQuery(app, '.pending[data-kind="questionnaire"]'), 4000, 'pending answer listed');

    button(app, 'Lämna över')!.click();
    await waitFor(() => field(app, 'Till kö'));
    field<HTMLSelectElement>(app, 'Till kö')!.value = 'doctor';
    type(field(app, 'Till en namngiven kollega (valfritt)')!, 'Erik Läkare');
    await expect(deepQuery(app, 'vard-console-actions')!).to.be.accessible();
    button(app, 'Lämna över samtalet')!.click();
    await waitFor(() => statusText(app).includes('Samtalet är överlämnat.'));
    expect(c.bodiesTo(/\/handover$/)).to.deep.equal([{ queue: 'doctor', to: 'Erik Läkare' }]);

    button(app, 'Avsluta samtalet')!.click();
    await waitFor(() => button(app, 'Bekräfta avslut'));
    button(app, 'Bekräfta avslut')!.click();
    await waitFor(() => statusText(app).includes('Samtalet är avslutat.'));
    expect(c.bodiesTo(/\/close$/)).to.deep.equal([{ evaluation: true }]);
    await waitFor(() => !field(app, 'Svar'), 4000, 'no reply box once closed');
    expect(button(app, 'Föreslå tider')).to.equal(null);
    await expect(app).to.be.accessible();
  });

  it('Escape closes the open form and returns focus to its button', async () => {
    const app = await withConversation(c);
    button(app, 'Lämna över')!.click();
    await waitFor(() => field(app, 'Till kö'));
    const select = field<HTMLSelectElement>(app, 'Till kö')!;
    select.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await waitFor(() => !field(app, 'Till kö'));
    const actions = deepQuery(app, 'vard-console-actions')!;
    await waitFor(() => actions.shadowRoot!.activeElement?.textContent === 'Lämna över');
  });
});
