import { expect } from '@open-wc/testing';
import { freshClinic, startWorker, worker, type FakeClinic } from './fake-api.js';
import { button, deepQuery, deepQueryAll, deepText, field, loginAs, mountConsole, statusText, waitFor } from './helpers.js';

const QR = { resourceType: 'QuestionnaireResponse' as const, status: 'completed' as const, item: [] };
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('console: triage answers, the patient\'s answers, record note, evaluations', function () {
  this.timeout(30_000); // a hang guard on a loaded machine (axe runs in most tests), not a speed check
  let c: FakeClinic;
  before(startWorker);
  after(() => worker.stop());
  beforeEach(() => {
    c = freshClinic();
  });

  async function open() {
    c.addConversation({ id: 'c1', patientName: 'Astrid Andersson', redFlag: true });
    c.triage.set('c1', {
      title: 'Kontakt', response: QR, redFlags: [{ linkId: 'breath', reason: 'Andnöd kan vara allvarligt.' }],
      lines: [
        { linkId: 'reason', question: 'Vad gäller din kontakt?', answers: ['Halsont'], depth: 0 },
        { linkId: 'breath', question: 'Har du svårt att andas?', answers: ['Ja'], redFlag: 'Andnöd kan vara allvarligt.', depth: 0 },
        { linkId: 'more', question: '<b>Övrigt</b>', answers: ['<script>alert(1)</script>'], depth: 1 },
      ],
    });
    const { app } = await mountConsole();
    await loginAs(app);
    button(app, 'Ta nästa patient i kön Sjuksköterska')!.click();
    await waitFor(() => deepQuery(app, '.triage dl'), 4000, 'triage shown');
    return app;
  }

  it('says when the patient was notified, with the time and the channel', async () => {
    const at = new Date(2026, 11, 2, 14, 2).toISOString();
    c.notified.set('c1', [{ at, channel: 'sms' }, { at, channel: 'email' }]);
    const app = await open();
    await waitFor(() => deepQuery(app, '.notified'), 4000, 'notified shown');
    expect(text(deepQuery(app, '.notified'))).to.equal('Patienten aviserades 14:02 (SMS) · Patienten aviserades 14:02 (e-post)');
    await expect(app).to.be.accessible();
  });

  it('shows the triage answers as question → answer at the top, with the red flag marked in words', async () => {
    const app = await open();
    const dts = deepQueryAll(app, '.triage dt').map(text);
    const dds = deepQueryAll(app, '.triage dd').map(text);
    expect(dts).to.deep.equal(['Vad gäller din kontakt?', 'Har du svårt att andas?', '<b>Övrigt</b>']);
    expect(dds[0]).to.equal('Halsont');
    expect(dds[1]).to.equal('Ja (Varningstecken: Andnöd kan vara allvarligt.)');
    expect(dds[2]).to.equal('<script>alert(1)</script>');
    expect(deepQuery(app, '.triage b, .triage script')).to.equal(null);
    // the triage comes before the thread
    const triage = deepQuery(app, '.triage')!;
    const log = deepQuery(app, '[role="log"]')!;
    expect(triage.compareDocumentPosition(log) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    await expect(app).to.be.accessible();
  });

  it('each patient answer shows as it arrives: booking choice, call-back window and phone, questionnaire, evaluation with scale labels', async () => {
    const app = await open();
    await waitFor(() => c.streams.length > 0);
    const action = (kind: 'booking' | 'callback' | 'questionnaire', lines: { question: string; answers: string[] }[]) => ({
      actionId: `a-${kind}`, kind, messageId: `m-${kind}`, offeredAt: new Date().toISOString(), answeredAt: new Date().toISOString(),
      lines: lines.map((l, i) => ({ linkId: `l${i}`, depth: 0, ...l })),
    });
    c.emit({ type: 'answer', conversationId: 'c1', answer: { kind: 'action', action: action('booking', [{ question: 'Vald tid', answers: ['tisdag 4 mars 09:30, besök på mottagningen'] }]) } });
    await waitFor(() => deepQuery(app, '.answer[data-kind="booking"]'), 4000, 'booking answer');
    c.emit({ type: 'answer', conversationId: 'c1', answer: { kind: 'action', action: action('callback', [{ question: 'Tid', answers: ['onsdag 08:00–10:00'] }, { question: 'Telefonnummer', answers: ['070-123 45 67'] }]) } });
    c.emit({ type: 'answer', conversationId: 'c1', answer: { kind: 'action', action: action('questionnaire', [{ question: 'Har du feber?', answers: ['Nej'] }]) } });
    c.emit({ type: 'answer', conversationId: 'c1', answer: { kind: 'evaluation', evaluation: {
      createdAt: new Date().toISOString(), response: QR,
      lines: [{ linkId: 'satisfaction', question: 'Hur nöjd är du med chatten?', answers: ['5 – Mycket nöjd'], depth: 0 }],
    } } });
    await waitFor(() => deepQuery(app, '.answer[data-kind="evaluation"]'), 4000, 'evaluation');
    expect(text(deepQuery(app, '.answer[data-kind="booking"] dd'))).to.equal('tisdag 4 mars 09:30, besök på mottagningen');
    expect(deepQueryAll(app, '.answer[data-kind="callback"] dd').map(text)).to.deep.equal(['onsdag 08:00–10:00', '070-123 45 67']);
    expect(text(deepQuery(app, '.answer[data-kind="questionnaire"] dt'))).to.equal('Har du feber?');
    expect(text(deepQuery(app, '.answer[data-kind="evaluation"] dd'))).to.equal('5 – Mycket nöjd');
    expect(text(deepQuery(app, '.answer[data-kind="evaluation"] strong'))).to.equal('Utvärdering');
    await expect(app).to.be.accessible();
    // an answer for another conversation does not show here
    c.emit({ type: 'answer', conversationId: 'other', answer: { kind: 'action', action: { ...action('booking', []), actionId: 'x' } } });
    c.emit({ type: 'answer', conversationId: 'c1', answer: { kind: 'action', action: { ...action('booking', [{ question: 'Vald tid', answers: ['Sista'] }]), actionId: 'a-last' } } });
    await waitFor(() => deepQuery(app, '[data-action="a-last"]'));
    expect(deepQuery(app, '[data-action="x"]')).to.equal(null);
  });

  it('the record note: plain text in a read-only box, and the FHIR Bundle as a download', async () => {
    c.recordText = 'Kontaktorsak: Halsont\n<b>inte fet</b>';
    const app = await open();
    button(app, 'Visa journalanteckning')!.click();
    await waitFor(() => field(app, 'Journaltext'), 4000, 'note shown');
    const box = field<HTMLTextAreaElement>(app, 'Journaltext')!;
    expect(box.value).to.equal('Kontaktorsak: Halsont\n<b>inte fet</b>');
    expect(box.readOnly).to.equal(true);
    const link = deepQuery<HTMLAnchorElement>(app, 'a.download')!;
    expect(link.textContent).to.equal('Ladda ner som FHIR-bundle');
    expect(new URL(link.href).pathname).to.equal('/console/api/conversations/c1/record.fhir.json');
    expect(link.download).to.equal('journalanteckning.fhir.json');
    await expect(app).to.be.accessible();
  });

  it('the evaluation summary per queue counts each answer under the scale\'s own labels', async () => {
    c.summary = { queues: [
      { queue: 'nurse', count: 3, items: [
        { linkId: 'satisfaction', question: 'Hur nöjd är du med chatten?', answered: 3, options: [
          { code: '1', label: 'Mycket missnöjd', count: 0 }, { code: '5', label: 'Mycket nöjd', count: 3 },
        ] },
        { linkId: 'comment', question: 'Vill du berätta mer?', answered: 1, options: [] },
      ] },
      { queue: 'doctor', count: 0, items: [] },
    ] };
    const { app } = await mountConsole();
    await loginAs(app);
    button(app, 'Visa utvärderingar per kö')!.click();
    const summary = deepQuery(app, 'vard-console-evaluations')!;
    await waitFor(() => deepQuery(summary, 'table'), 4000, 'summary');
    const rows = deepQueryAll(summary, 'tbody tr').map((tr) => [...tr.children].map(text).join(' '));
    expect(rows).to.deep.equal(['Mycket missnöjd 0', 'Mycket nöjd 3']);
    const all = deepText(summary);
    expect(all).to.include('Sjuksköterska – 3 svar');
    expect(all).not.to.include('Läkare');
    expect(all).to.include('Vill du berätta mer?: 1 svar');
    await expect(app).to.be.accessible();
  });

  it('starts a conversation with a patient (clinic-initiated, async) and opens it', async () => {
    c.patients.push({ subject: 'p-9', name: 'Bertil Berg' });
    const { app } = await mountConsole();
    await loginAs(app);
    field<HTMLTextAreaElement>(app, 'Första meddelandet')!.value = 'Hej Bertil, hur mår du efter besöket?';
    button(app, 'Starta chatt')!.click();
    await waitFor(() => statusText(app).includes('Chatten är startad.'), 4000, 'started');
    expect(c.bodiesTo(/^\/conversations$/)).to.deep.equal([{ patient: 'p-9', mode: 'async', text: 'Hej Bertil, hur mår du efter besöket?' }]);
    await waitFor(() => deepText(app).includes('Samtal med Bertil Berg'));
    expect(field<HTMLTextAreaElement>(app, 'Första meddelandet')!.value).to.equal('');
    await expect(app).to.be.accessible();
  });
});
