import { expect } from '@open-wc/testing';
import { freshClinic, startWorker, worker, type FakeClinic } from './fake-api.js';
import { alertText, button, deepQuery, deepText, field, loginAs, mountConsole, threadText, type, waitFor } from './helpers.js';

describe('console internal notes', function () {
  this.timeout(30_000);
  let c: FakeClinic;
  before(startWorker);
  after(() => worker.stop());
  beforeEach(() => {
    c = freshClinic();
  });

  async function open() {
    c.addConversation({ id: 'c1', patientName: 'Astrid Andersson' });
    c.notes.set('c1', [{ id: 'n0', conversationId: 'c1', author: { role: 'clinician', name: 'Erik Berg', profession: 'läkare' }, text: 'Tidigare <b>anteckning</b>', createdAt: new Date().toISOString() }]);
    const { app } = await mountConsole();
    await loginAs(app);
    button(app, 'Ta nästa patient i kön Sjuksköterska')!.click();
    return app;
  }

  it('shows the notes as text, marked as not for the patient, and saves a new one to the notes route (not as a message)', async () => {
    const app = await open();
    await waitFor(() => field(app, 'Intern anteckning'), 4000, 'the note field');
    const box = field<HTMLTextAreaElement>(app, 'Intern anteckning')!;
    const section = deepQuery(app, 'vard-console-internal-notes')!;
    await waitFor(() => deepText(section).includes('Tidigare <b>anteckning</b>'), 4000, 'the earlier note');
    expect(deepQuery(section, 'b'), 'markup stays text').to.equal(null);
    expect(deepText(section)).to.contain('Syns inte för patienten');
    expect(deepText(section)).to.contain('Skickas aldrig till patienten');
    expect(box.getAttribute('aria-describedby')).to.contain('internal-hint');
    await expect(section).to.be.accessible();

    type(box, 'Fråga: ska vi ge antibiotika?');
    button(app, 'Spara intern anteckning')!.click();
    await waitFor(() => deepText(section).includes('Fråga: ska vi ge antibiotika?'), 4000, 'the saved note');
    expect(c.bodiesTo(/^\/conversations\/c1\/notes$/)).to.deep.equal([{ text: 'Fråga: ska vi ge antibiotika?' }]);
    expect(c.bodiesTo(/^\/conversations\/c1\/messages$/), 'nothing sent as a message').to.deep.equal([]);
    expect(threadText(app)).to.not.contain('antibiotika');
    expect(box.value).to.equal('');
  });

  it('an empty note is not sent; the reason is said', async () => {
    const app = await open();
    await waitFor(() => field(app, 'Intern anteckning'), 4000);
    button(app, 'Spara intern anteckning')!.click();
    await waitFor(() => alertText(app).includes('Skriv något i anteckningen.'), 4000);
    expect(c.bodiesTo(/\/notes$/)).to.deep.equal([]);
  });

  it('in English', async () => {
    const app = await open();
    await waitFor(() => field(app, 'Intern anteckning'), 4000);
    app.locale = 'en';
    await waitFor(() => field(app, 'Internal note'), 4000);
    expect(deepText(deepQuery(app, 'vard-console-internal-notes')!)).to.contain('Not shown to the patient');
    expect(button(app, 'Save internal note')).to.not.equal(null);
  });
});
