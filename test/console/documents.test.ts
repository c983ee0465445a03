import { expect } from '@open-wc/testing';
import { freshClinic, startWorker, worker, type FakeClinic } from './fake-api.js';
import { alertText, button, deepQuery, deepQueryAll, deepText, field, loginAs, mountConsole, threadText, type, waitFor } from './helpers.js';
import type { VardConsole } from '../../console/components/app/app.js';

const HOSTILE = 'Inför <b>op</b> <img src=x onerror=alert(1)>.pdf';
const pdf = (name = HOSTILE) => new File(['%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'], name, { type: 'application/pdf' });
const today = () => new Date().toLocaleDateString('sv-SE', { day: 'numeric', month: 'long', year: 'numeric' });

/** Picks files as the file dialog would. */
function pick(app: VardConsole, ...files: File[]): void {
  const input = deepQuery<HTMLInputElement>(app, '#reply-file')!;
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const conversation = (app: VardConsole) => deepQuery(app, 'vard-console-conversation')!;

describe('console documents and templates (#18.4)', function () {
  this.timeout(30_000);
  let c: FakeClinic;
  before(startWorker);
  after(() => worker.stop());
  beforeEach(() => {
    c = freshClinic();
  });

  async function open(locale: 'sv' | 'en' = 'sv') {
    c.addConversation({ id: 'c1', patientName: 'Astrid Andersson' });
    c.addMessage('c1', { text: 'Vad ska jag tänka på inför operationen?' });
    const { app } = await mountConsole(locale);
    await loginAs(app);
    button(app, 'Ta nästa patient i kön Sjuksköterska')!.click();
    await waitFor(() => field(app, 'Svar') && field<HTMLSelectElement>(app, 'Mallar')?.options.length === 3, 4000, 'the reply box and its templates');
    return app;
  }

  it('"Mallar": the chosen template, filled from the conversation, goes into the reply box to be read and edited, then is sent as a reply', async () => {
    const app = await open();
    const reply = field<HTMLTextAreaElement>(app, 'Svar')!;
    const select = field<HTMLSelectElement>(app, 'Mallar')!;
    expect([...select.options].map((o) => o.textContent?.trim())).to.deep.equal(['Välj en mall', 'Välkommen till chatten', 'Inför operation']);
    await expect(conversation(app)).to.be.accessible();

    button(app, 'Infoga mallen')!.click();
    await waitFor(() => deepText(conversation(app)).includes('Välj en mall i listan först.'), 4000, 'nothing chosen');
    expect(reply.value).to.equal('');

    select.value = 'infor-operation';
    button(app, 'Infoga mallen')!.click();
    await waitFor(() => reply.value !== '', 4000, 'the filled text');
    expect(reply.value).to.equal(`Hej Astrid! Ät ingenting efter klockan 24. Operationen är {operationDate}. /Anna Svensson, ${today()}`);
    expect(conversation(app).shadowRoot!.activeElement, 'focus in the reply box').to.equal(reply);
    const status = deepText(conversation(app));
    expect(status).to.contain('Mallen ”Inför operation” står nu i svaret. Läs igenom och ändra innan du skickar.');
    expect(status).to.contain('Fyll i det som står inom klamrar: {operationDate}.');
    expect(c.bodiesTo(/\/messages$/), 'nothing sent by choosing').to.deep.equal([]);

    // the clinician edits, then sends as any reply
    type(reply, reply.value.replace('{operationDate}', 'tisdag 14 april'));
    button(app, 'Skicka')!.click();
    await waitFor(() => threadText(app).includes('tisdag 14 april'), 4000, 'sent');
    const [sent] = c.bodiesTo(/^\/conversations\/c1\/messages$/) as { kind: string; text: string; clientId: string }[];
    expect(sent!.kind).to.equal('text');
    expect(sent!.text).to.equal(`Hej Astrid! Ät ingenting efter klockan 24. Operationen är tisdag 14 april. /Anna Svensson, ${today()}`);
    expect(sent!.clientId).to.match(/^[A-Za-z0-9-]{16,}$/);
    expect(reply.value).to.equal('');

    // a template after a draft comes below it; the clinic name is the server's
    type(reply, 'Hej igen.');
    select.value = 'valkommen';
    button(app, 'Infoga mallen')!.click();
    await waitFor(() => reply.value.includes('Välkommen'), 4000);
    expect(reply.value).to.equal('Hej igen.\n\nHej Astrid!\n\nVälkommen till chatten med Vårdcentralen Linden. Jag heter Anna Svensson.');
  });

  it('"Bifoga dokument": files listed with "Ta bort", refusals said, then uploaded and sent with the reply; the thread and "Filer i samtalet" show it', async () => {
    const app = await open();
    expect(button(app, 'Bifoga dokument')).to.not.equal(null);
    pick(app, pdf(), new File(['<svg/>'], 'ritning.svg', { type: 'image/svg+xml' }));
    await waitFor(() => deepQuery(app, '.chosen'), 4000, 'the chosen list');
    expect(alertText(app)).to.contain('Filen ritning.svg kan inte bifogas. Du kan bifoga PDF-filer och bilder (JPEG, PNG eller WebP).');
    const chosen = deepQuery(app, '.chosen')!;
    expect(chosen.getAttribute('aria-label')).to.equal('Bifogade filer');
    expect(chosen.textContent).to.contain(HOSTILE);
    expect(deepQuery(chosen, 'b, img'), 'a name is text').to.equal(null);
    expect(button(app, 'Ta bort')!.getAttribute('aria-label')).to.equal(`Ta bort ${HOSTILE}`);
    await expect(conversation(app)).to.be.accessible();

    // removed, and chosen again
    button(app, 'Ta bort')!.click();
    await waitFor(() => !deepQuery(app, '.chosen'), 4000, 'removed');
    expect(deepText(conversation(app))).to.contain(`${HOSTILE} är borttagen.`);
    pick(app, pdf());
    await waitFor(() => deepQuery(app, '.chosen'), 4000);

    // sent with an empty text: the file first, then the message naming it
    button(app, 'Skicka')!.click();
    await waitFor(() => !deepQuery(app, '.chosen') && deepQuery(app, '.thread .file.doc'), 4000, 'sent and shown');
    const put = c.calls.filter((x) => x.method === 'PUT');
    expect(put.length).to.equal(1);
    const [, clientId] = /^\/conversations\/c1\/attachments\/([^/]+)\/0$/.exec(put[0]!.path)!;
    expect(put[0]!.body).to.deep.include({ type: 'application/pdf', name: HOSTILE });
    expect(c.bodiesTo(/^\/conversations\/c1\/messages$/)).to.deep.equal([{ kind: 'text', text: '', clientId, attachmentCount: 1 }]);
    const card = deepQuery(app, '.thread .file.doc')!;
    expect(card.textContent).to.contain(HOSTILE);
    const link = deepQuery<HTMLAnchorElement>(card, 'a')!;
    expect(link.textContent?.trim()).to.equal('Öppna');
    expect(link.getAttribute('aria-label')).to.equal(`Öppna ${HOSTILE}`);
    expect(new URL(link.href).pathname).to.equal('/console/api/conversations/c1/attachments/att-1');
    const files = deepQuery(app, '.file-list')!;
    expect(files.textContent).to.contain('Filer i samtalet');
    expect(files.textContent).to.contain(HOSTILE);
    expect(files.textContent).to.contain('Anna Svensson');
    expect(deepQuery(app, '.thread b, .file-list b, .file-list img'), 'no markup from the name').to.equal(null);
    await expect(conversation(app)).to.be.accessible();
  });

  it("the server's refusals of a file are said with its name (422, 413); a repeat after a network failure uses the same key", async () => {
    const app = await open();
    const reply = field<HTMLTextAreaElement>(app, 'Svar')!;
    type(reply, 'Här är remissen.');
    pick(app, pdf('remiss.pdf'));
    await waitFor(() => deepQuery(app, '.chosen'), 4000);
    const cases: [number, string, string][] = [
      [422, 'attachment-invalid', 'Filen remiss.pdf skickades inte eftersom innehållet inte stämmer med filtypen.'],
      [422, 'attachment-rejected', 'Filen remiss.pdf stoppades av virusskyddet och har inte skickats.'],
      [413, 'attachment-too-large', 'Filen remiss.pdf är för stor. Den får vara högst 10 MB.'],
      [415, 'unsupported-media-type', 'Filen remiss.pdf kan inte bifogas.'],
    ];
    for (const [status, code, sentence] of cases) {
      c.failures.push(['PUT', /\/attachments\//, status, code]);
      button(app, 'Skicka')!.click();
      await waitFor(() => alertText(app).includes(sentence), 4000, code);
      expect(reply.value, 'the text stays').to.equal('Här är remissen.');
      expect(deepQuery(app, '.chosen'), 'the file stays listed').to.not.equal(null);
    }
    expect(c.bodiesTo(/\/messages$/), 'no message without its file').to.deep.equal([]);

    // the upload goes through, the send's answer is lost: sending again repeats the same key
    c.failures.push(['POST', /\/messages$/, 'network']);
    button(app, 'Skicka')!.click();
    await waitFor(() => alertText(app).includes('Ingen kontakt med servern'), 4000, 'network');
    button(app, 'Skicka')!.click();
    await waitFor(() => threadText(app).includes('Här är remissen.'), 4000, 'sent');
    const keys = c.calls.filter((x) => x.method === 'PUT').map((x) => x.path.split('/')[4]);
    expect(new Set(keys).size, 'one key for every try').to.equal(1);
    expect(c.bodiesTo(/\/messages$/).map((b) => (b as { clientId: string }).clientId), 'the lost send and its repeat').to.deep.equal([keys[0], keys[0]]);
    expect(c.messages.get('c1')!.filter((m) => m.text === 'Här är remissen.').length, 'one message').to.equal(1);
  });

  it("the thread shows a patient's photo and PDF (names and alt texts as text) through staff's route; 'Filer i samtalet' lists every file newest first; in English", async () => {
    c.addConversation({ id: 'c1', patientName: 'Astrid Andersson' });
    c.addMessage('c1', { text: 'Här är intyget.', createdAt: new Date(Date.now() - 3_600_000).toISOString(), attachments: [{ id: 'att-old', name: HOSTILE, type: 'application/pdf', size: 284_000 }] });
    c.addMessage('c1', { text: '', attachments: [{ id: 'att-img', name: 'arm<script>.jpg', type: 'image/jpeg', size: 1_300_000, width: 1600, height: 1200, alt: 'Utslag <img src=x onerror=alert(1)>' }] });
    const { app } = await mountConsole();
    await loginAs(app);
    button(app, 'Ta nästa patient i kön Sjuksköterska')!.click();
    await waitFor(() => deepQuery(app, '.thread img'), 4000, 'the photo');
    const img = deepQuery<HTMLImageElement>(app, '.thread img')!;
    expect(img.alt).to.equal('Utslag <img src=x onerror=alert(1)>');
    expect(new URL(img.src).pathname).to.equal('/console/api/conversations/c1/attachments/att-img');
    expect(deepQueryAll(app, '.thread img').length, 'no image from an alt text').to.equal(1);
    expect(deepQuery(app, '.thread script, .thread b')).to.equal(null);
    expect(threadText(app)).to.contain('arm<script>.jpg');
    expect(threadText(app)).to.contain('Bild, 1,2 MB');
    expect(threadText(app)).to.contain('PDF, 277 kB');
    const items = deepQueryAll(app, '.file-list li');
    expect(items.map((li) => li.getAttribute('data-attachment'))).to.deep.equal(['att-img', 'att-old']);
    expect(items[1]!.textContent).to.contain(HOSTILE);
    expect(items[1]!.textContent).to.contain('Patienten (Astrid Andersson)');
    expect(new URL(deepQuery<HTMLAnchorElement>(items[1]!, 'a')!.href).pathname).to.equal('/console/api/conversations/c1/attachments/att-old');
    await expect(conversation(app)).to.be.accessible();

    app.locale = 'en';
    await waitFor(() => deepText(conversation(app)).includes('Files in this conversation'), 4000);
    expect(button(app, 'Attach document')).to.not.equal(null);
    expect(button(app, 'Insert template')).to.not.equal(null);
    expect(field(app, 'Templates')).to.not.equal(null);
    expect(deepQuery<HTMLAnchorElement>(app, '.thread .file.doc a')!.getAttribute('aria-label')).to.equal(`Open ${HOSTILE}`);
    await expect(conversation(app)).to.be.accessible();
  });
});
