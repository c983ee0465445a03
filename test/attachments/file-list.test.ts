// "Filer i chatten" (issue #18, the async thread keeps them findable): the conversation's button
// when the backend lists files, the list (the attachments chunk's <vard-file-list>) newest first
// with names as text, "Öppna" to the thread's URL, who sent each file and when; close returns
// focus to the button; loading, failure and retry, empty; axe in each state.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MemoryBackend } from '../../src/adapters/memory/memory-backend.js';
import { PRE_OP_PDF } from '../../src/adapters/memory/fixtures.js';
import { BackendError } from '../../src/core/errors.js';
import type { VardChatView } from '../../src/components/chat-view/chat-view.js';
import { conv, fast, mount, sendAndWait, waitFor, waitForEl } from '../components/conversation-helpers.js';

const HOSTILE = '<img src=x onerror=alert(1)>.pdf';

const filesButton = (v: VardChatView) => conv(v)?.shadowRoot?.querySelector('button.files') as HTMLButtonElement | null | undefined;
const fileList = (v: VardChatView) => conv(v)?.shadowRoot?.querySelector('vard-file-list');
const dialog = (v: VardChatView) => fileList(v)?.shadowRoot?.querySelector('dialog[open]') as HTMLDialogElement | null | undefined;

/** An async conversation with the patient's hostile-named PDF, then the clinic's document. */
async function withFiles(b: MemoryBackend, locale = 'sv') {
  const view = await mount(b, locale);
  await sendAndWait(view, 'Hej');
  const [c] = await b.listConversations();
  const id = c!.id;
  const mine = await b.uploadAttachment(id, 'k-file', 0, { name: HOSTILE, type: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n') });
  await b.sendMessage(id, { clientId: 'k-file', text: 'Intyget', attachmentCount: 1 });
  await b.sendDocument(id);
  return { view, id, mine };
}

describe('Filer i chatten', () => {
  it('opens the list: newest first, names as text, kind, size, sender and time, "Öppna" to the thread\'s URL; close returns focus', async () => {
    const b = fast({ mode: 'async' });
    const { view, id, mine } = await withFiles(b);
    const button = await waitForEl(() => filesButton(view));
    expect(button.textContent!.trim()).to.equal('Filer i chatten');
    await expect(conv(view)!).to.be.accessible();

    // a click that does not focus the button (as in Safari): the dialog's own focus return would not find it
    (document.activeElement as HTMLElement | null)?.blur();
    button.click();
    const dlg = await waitForEl(() => dialog(view), 4000);
    await waitFor(() => dlg.querySelectorAll('li').length === 2, 4000, 'the files');
    expect(dlg.querySelector('h2')!.textContent).to.equal('Filer i chatten');
    expect(dlg.getAttribute('aria-labelledby')).to.equal('files-title');
    const items = [...dlg.querySelectorAll('li')];
    expect(items.map((li) => li.querySelector('.name')!.textContent)).to.deep.equal([PRE_OP_PDF.name, HOSTILE]);
    expect(dlg.querySelector('img'), 'the hostile name is text, not an element').to.equal(null);
    const [clinic, patient] = items.map((li) => [...li.querySelectorAll('.meta')].map((p) => p.textContent!.replace(/\s+/g, ' ').trim()));
    expect(clinic![0]).to.match(/^PDF-dokument · \d+ kB$/);
    expect(clinic![1]).to.match(/^Från .+ · \d{1,2} \w+\.? \d{4} \d{2}:\d{2}$/);
    expect(patient![0]).to.equal('PDF-dokument · 15 B');
    expect(patient![1]).to.match(/^Från dig · /);
    const open = items[1]!.querySelector('a')!;
    expect(open.textContent).to.equal('Öppna');
    expect(open.getAttribute('href')).to.equal(b.attachmentUrl(id, mine.id));
    expect(open.getAttribute('aria-label')).to.equal(`Öppna ${HOSTILE} (15 B)`);
    expect(items[1]!.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
    await expect(fileList(view)!).to.be.accessible();

    (dlg.querySelector('button.close') as HTMLButtonElement).click();
    await waitFor(() => !fileList(view), 4000, 'closed');
    expect(conv(view)!.shadowRoot!.activeElement, 'focus back on the button').to.equal(filesButton(view));

    // the keyboard: Enter opens, Escape closes, focus returns
    filesButton(view)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitForEl(() => dialog(view), 4000);
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !fileList(view), 4000, 'closed by Escape');
    expect(conv(view)!.shadowRoot!.activeElement).to.equal(filesButton(view));
  });

  it('a failure says so with "Försök igen"; the retry shows the files (English too)', async () => {
    const b = fast({ mode: 'async' });
    let failures = 1;
    const list = b.listAttachments.bind(b);
    b.listAttachments = async (id) => {
      if (failures-- > 0) throw new BackendError('network');
      return list(id);
    };
    const { view } = await withFiles(b, 'en');
    const button = await waitForEl(() => filesButton(view));
    expect(button.textContent!.trim()).to.equal('Files in this chat');
    button.click();
    const dlg = await waitForEl(() => dialog(view), 4000);
    await waitFor(() => !!dlg.querySelector('[role="alert"]'), 4000, 'the failure');
    expect(dlg.querySelector('[role="alert"]')!.textContent).to.equal('The files could not be loaded. Please try again.');
    await expect(fileList(view)!).to.be.accessible();
    (dlg.querySelector('button.retry') as HTMLButtonElement).click();
    await waitFor(() => dlg.querySelectorAll('li').length === 2, 4000, 'the files after the retry');
    expect(dlg.querySelector('[role="alert"]')).to.equal(null);
    expect(dlg.querySelector('li .meta')!.textContent).to.match(/^PDF document · /);
  });

  it('Swedish failure text; empty list "Inga filer ännu."; no button without listAttachments', async () => {
    const b = fast({ mode: 'async' });
    let fail = true;
    const list = b.listAttachments.bind(b);
    b.listAttachments = async (id) => {
      if (fail) throw new BackendError('unavailable');
      return list(id);
    };
    const view = await mount(b);
    await sendAndWait(view, 'Hej');
    (await waitForEl(() => filesButton(view))).click();
    const dlg = await waitForEl(() => dialog(view), 4000);
    await waitFor(() => !!dlg.querySelector('[role="alert"]'), 4000, 'the failure');
    expect(dlg.querySelector('[role="alert"]')!.textContent).to.equal('Filerna kunde inte hämtas. Försök igen.');
    fail = false;
    (dlg.querySelector('button.retry') as HTMLButtonElement).click();
    await waitFor(() => dlg.querySelector('[role="status"]')?.textContent === 'Inga filer ännu.', 4000, 'empty');
    await expect(fileList(view)!).to.be.accessible();

    const without = fast({ mode: 'async' });
    (without as { listAttachments?: unknown }).listAttachments = undefined;
    const plain = await mount(without);
    await sendAndWait(plain, 'Hej');
    expect(filesButton(plain)).to.equal(null);
  });
});
