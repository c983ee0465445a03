import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/panel.js';
import '../../src/define/feature-attachments.js';
import type { VardComposer } from '../../src/components/chat-view/composer.js';
import type { VardAttachments } from '../../src/attachments/attachment-list.js';
import type { OutboxFile } from '../../src/core/outbox/types.js';
import { checkDraft } from '../../src/core/draft.js';
import { hasExif } from '../../src/attachments/prepare.js';
import { waitFor } from '../wait.js';

async function jpegWithExif(): Promise<File> {
  const c = new OffscreenCanvas(30, 20);
  c.getContext('2d')!.fillRect(0, 0, 30, 20);
  const jpeg = new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg' })).arrayBuffer());
  const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0];
  const body = [...new TextEncoder().encode('Exif'), 0, 0, ...tiff];
  const app1 = [0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  return new File([new Uint8Array([...jpeg.subarray(0, 2), ...app1, ...jpeg.subarray(2)])], 'IMG_0001.JPG', { type: 'image/jpeg' });
}

const text = (el: Element) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');
const alertText = (el: Element) => el.shadowRoot!.querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** The composer's list of chosen files (`<vard-chosen-files>`, defined by the pick chunk on the first pick). */
const chosen = (el: VardComposer) => el.shadowRoot!.querySelector('vard-chosen-files')!;

describe('<vard-composer> attachments', () => {
  it('"Bifoga fil" only when the backend takes files; the picker offers the allowed types', async () => {
    const off = await fixture<VardComposer>(html`<vard-composer .submit=${checkDraft}></vard-composer>`);
    expect(off.shadowRoot!.querySelector('button.attach')).to.equal(null);
    const on = await fixture<VardComposer>(html`<vard-composer canAttach .submit=${checkDraft}></vard-composer>`);
    expect(on.shadowRoot!.querySelector('button.attach')!.textContent).to.equal('Bifoga fil');
    expect(on.shadowRoot!.querySelector('input[type=file]')!.getAttribute('accept')).to.equal('image/jpeg,image/png,image/webp,application/pdf');
  });

  it('a photo is listed with "Ta bort", sent re-encoded without EXIF, and the list clears', async () => {
    const sent: { text: string; files?: OutboxFile[] }[] = [];
    const el = await fixture<VardComposer>(html`<vard-composer canAttach .submit=${(t: string, files?: OutboxFile[]) => {
      sent.push({ text: t, ...(files ? { files } : {}) });
      return { ok: true, text: t };
    }}></vard-composer>`);
    await el.addFiles([await jpegWithExif()]);
    await el.updateComplete;
    expect(text(chosen(el))).to.contain('IMG_0001.jpg');
    const remove = chosen(el).shadowRoot!.querySelector<HTMLButtonElement>('button.remove')!;
    expect(remove.textContent).to.equal('Ta bort');
    expect(remove.getAttribute('aria-label')).to.equal('Ta bort IMG_0001.jpg');
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await el.updateComplete;
    expect(sent.length).to.equal(1);
    expect(sent[0]!.files!.length).to.equal(1);
    expect(hasExif(sent[0]!.files![0]!.bytes), 'no EXIF in what is queued').to.equal(false);
    await chosen(el).updateComplete;
    expect(chosen(el).shadowRoot!.querySelector('.files')).to.equal(null);
  });

  it('"Ta bort" removes a file before sending', async () => {
    const el = await fixture<VardComposer>(html`<vard-composer canAttach .submit=${checkDraft}></vard-composer>`);
    await el.addFiles([await jpegWithExif()]);
    await el.updateComplete;
    chosen(el).shadowRoot!.querySelector<HTMLButtonElement>('button.remove')!.click();
    await chosen(el).updateComplete;
    await el.updateComplete;
    expect(chosen(el).shadowRoot!.querySelector('.files')).to.equal(null);
    expect(el.shadowRoot!.activeElement, 'focus back in the text box').to.equal(el.shadowRoot!.querySelector('textarea'));
  });

  it('refuses a forbidden type, a polyglot and an oversize file with the right sentence (sv, en)', async () => {
    const el = await fixture<VardComposer>(html`<vard-composer canAttach .submit=${checkDraft}></vard-composer>`);
    await el.addFiles([new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'bild.svg', { type: 'image/svg+xml' })]);
    await el.updateComplete;
    expect(alertText(chosen(el))).to.equal('Filen bild.svg kan inte bifogas. Du kan skicka bilder (JPEG, PNG, WebP) och PDF-filer.');
    await el.addFiles([new File(['<!doctype html><script>alert(1)</script>%PDF-1.4\n%%EOF'], '<b>x</b>.pdf', { type: 'application/pdf' })]);
    await el.updateComplete;
    expect(alertText(chosen(el))).to.equal('Filen <b>x</b>.pdf kan inte bifogas. Du kan skicka bilder (JPEG, PNG, WebP) och PDF-filer.');
    expect(chosen(el).shadowRoot!.querySelector('[role="alert"] b'), 'the name is text').to.equal(null);
    const big = new File([new TextEncoder().encode('%PDF-1.4\n'), new Uint8Array(10 * 1024 * 1024), new TextEncoder().encode('\n%%EOF\n')], 'stor.pdf', { type: 'application/pdf' });
    await el.addFiles([big]);
    await el.updateComplete;
    expect(alertText(chosen(el))).to.equal('Filen stor.pdf är för stor. Den får vara högst 10 MB.');
    await expect(el).to.be.accessible();
    el.locale = 'en';
    await el.updateComplete;
    await el.addFiles([new File(['hej'], 'a.txt', { type: 'text/plain' })]);
    await el.updateComplete;
    expect(alertText(chosen(el))).to.equal('The file a.txt cannot be attached. You can send images (JPEG, PNG, WebP) and PDF files.');
  });

  it('at most 5 files on a message; a pasted image is taken', async () => {
    const el = await fixture<VardComposer>(html`<vard-composer canAttach .submit=${checkDraft}></vard-composer>`);
    const photo = await jpegWithExif();
    await el.addFiles([photo, photo, photo, photo, photo, photo]);
    await el.updateComplete;
    expect(chosen(el).shadowRoot!.querySelectorAll('.files li').length).to.equal(5);
    expect(alertText(chosen(el))).to.equal('Du kan bifoga högst 5 filer i ett meddelande.');
    const fresh = await fixture<VardComposer>(html`<vard-composer canAttach .submit=${checkDraft}></vard-composer>`);
    const dt = new DataTransfer();
    dt.items.add(photo);
    fresh.shadowRoot!.querySelector('textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    await waitFor(() => chosen(fresh).shadowRoot?.querySelectorAll('.files li').length === 1, 4000, 'the pasted image listed');
  });
});

describe('<vard-attachments> in the thread', () => {
  const items = [
    { id: 'att-1', name: 'arm.jpg', type: 'image/jpeg', size: 2000, width: 30, height: 20 },
    { id: 'att-2', name: 'Inför <img src=x onerror=alert(1)>.pdf', type: 'application/pdf', size: 48_204 },
    { id: 'att-3', name: 'sår.jpg', type: 'image/jpeg', size: 2000, alt: 'Sår på knät' },
  ];
  let src = '';
  before(async () => {
    const c = new OffscreenCanvas(30, 20);
    c.getContext('2d')!.fillRect(0, 0, 30, 20);
    src = URL.createObjectURL(await c.convertToBlob({ type: 'image/jpeg' }));
  });

  it('images with alt text (or "Bild från dig"), a keyboard-openable larger view; a PDF as a card with "Öppna"; names as text', async () => {
    const el = await fixture<VardAttachments>(html`<vard-attachments .items=${items} from="patient" locale="sv"
      .url=${(id: string) => (id === 'att-2' ? `/files/${id}` : src)}></vard-attachments>`);
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.image')];
    expect(buttons.map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Visa större bild: Bild från dig', 'Visa större bild: Sår på knät']);
    const card = el.shadowRoot!.querySelector('.card')!;
    expect(card.querySelector('.name')!.textContent).to.equal('Inför <img src=x onerror=alert(1)>.pdf');
    expect(card.querySelector('img'), 'the name is text').to.equal(null);
    const open = card.querySelector('a')!;
    expect(open.textContent).to.equal('Öppna');
    expect(open.getAttribute('href')).to.equal('/files/att-2');
    expect(open.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(card.textContent).to.contain('47 kB'); // 48,204 B in binary units, as the console says it
    await expect(el).to.be.accessible();
    buttons[1]!.focus();
    buttons[1]!.click(); // Enter/Space on a button
    await waitFor(() => !!el.shadowRoot!.querySelector('dialog[open]'), 4000, 'the larger view');
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    expect(dialog.querySelector('img')!.getAttribute('alt')).to.equal('Sår på knät');
    dialog.querySelector('button')!.click();
    await waitFor(() => !el.shadowRoot!.querySelector('dialog'), 4000, 'closed');
    expect(el.shadowRoot!.activeElement, 'focus back on the image').to.equal(buttons[1]);
  });

  it('an image with a thumbnail: the thread shows the thumbnail URL with its pixels, the larger view the full file', async () => {
    const urls: string[] = [];
    const withThumb = { id: 'att-t', name: 'utslag.jpg', type: 'image/jpeg', size: 480_000, width: 2048, height: 1536, thumbnail: { width: 320, height: 240 } };
    const el = await fixture<VardAttachments>(html`<vard-attachments .items=${[withThumb, items[0]]} from="patient" locale="sv"
      .url=${(id: string, v?: 'thumbnail') => { const u = `${src}#${id}${v ? '/thumbnail' : ''}`; urls.push(u); return u; }}></vard-attachments>`);
    const imgs = [...el.shadowRoot!.querySelectorAll<HTMLImageElement>('button.image img')];
    expect(imgs[0]!.getAttribute('src')).to.equal(`${src}#att-t/thumbnail`);
    expect([imgs[0]!.getAttribute('width'), imgs[0]!.getAttribute('height')]).to.deep.equal(['320', '240']);
    expect(imgs[1]!.getAttribute('src'), 'no thumbnail: the file').to.equal(`${src}#att-1`);
    expect(urls.some((u) => u.endsWith('att-1/thumbnail')), 'no thumbnail URL asked for a file without one').to.equal(false);
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.image')!.click();
    await waitFor(() => !!el.shadowRoot!.querySelector('dialog[open]'), 4000, 'the larger view');
    expect(el.shadowRoot!.querySelector('dialog img')!.getAttribute('src'), 'the larger view is the full file').to.equal(`${src}#att-t`);
  });

  it('from the clinic: "Bild från vården"; in English', async () => {
    const el = await fixture<VardAttachments>(html`<vard-attachments .items=${[items[0]]} from="clinic" locale="sv" .url=${() => src}></vard-attachments>`);
    expect(el.shadowRoot!.querySelector('button.image')!.getAttribute('aria-label')).to.equal('Visa större bild: Bild från vården');
    el.locale = 'en';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('button.image')!.getAttribute('aria-label')).to.equal('Show larger image: Image from the clinic');
  });
});
