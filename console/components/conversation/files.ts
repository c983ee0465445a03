/**
 * Files in the console: a message's attachments in the thread (an image shown, opening in full in
 * a new tab; a PDF as a card with its name, size and "Öppna"), and "Filer i samtalet", every file
 * of the conversation newest first with who sent it and when, so a document in a long thread is
 * found again. Names and alt texts are hostile text: bound as text and attribute values only.
 * Files open through staff's route (the staff cookie authorizes them); a PDF downloads.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { isImageType, parseAttachment, type AttachmentRef, type Message } from '../../core/wire.js';
import type { ConsoleLocale, T } from '../../i18n/index.js';
import { authorName, dateTimeText, sizeText } from '../shared/format.js';

/** Where a file of a message (or its thumbnail) opens. */
export type FileUrl = (m: Message, a: AttachmentRef, variant?: 'thumbnail') => string;

/** A message's files that are valid references (the message schema leaves each to `parseAttachment`). */
const filesOf = (m: Message): AttachmentRef[] => (m.attachments ?? []).map(parseAttachment).filter((a): a is AttachmentRef => a !== null);

const kindText = (a: AttachmentRef, t: T) => (isImageType(a.type) ? t('fileKind_image') : t('fileKind_pdf'));

/** A message's files, in the thread. */
export function renderAttachments(m: Message, t: T, locale: ConsoleLocale, url: FileUrl): TemplateResult | typeof nothing {
  const files = filesOf(m);
  if (!files.length) return nothing;
  return html`<ul class="files" aria-label=${t('messageFiles')}>${files.map((a) => {
    const href = url(m, a);
    const meta = `${kindText(a, t)}, ${sizeText(a.size, locale)}`;
    if (isImageType(a.type)) {
      const alt = a.alt || t(m.author.role === 'patient' ? 'imageFromPatient' : 'imageFromClinic');
      // the sender's small copy when there is one; the link opens the file itself
      const th = a.thumbnail;
      return html`<li class="file image"><a href=${href} target="_blank" rel="noopener noreferrer"><img src=${th ? url(m, a, 'thumbnail') : href} alt=${alt}
        width=${(th ?? a).width ?? nothing} height=${(th ?? a).height ?? nothing} loading="lazy"></a>
        <span class="file-meta"><span class="file-name">${a.name}</span> · ${meta}</span></li>`;
    }
    return html`<li class="file doc"><span class="file-name">${a.name}</span> <span class="file-meta">${meta}</span>
      <a href=${href} target="_blank" rel="noopener noreferrer" aria-label=${t('openNamed', { name: a.name })}>${t('openFile')}</a></li>`;
  })}</ul>`;
}

/** "Filer i samtalet": every file of the conversation, newest first, with its sender and time. */
export function renderFileList(messages: readonly Message[], t: T, locale: ConsoleLocale, url: FileUrl): TemplateResult {
  const files = messages.flatMap((m) => filesOf(m).map((a) => ({ m, a }))).reverse();
  return html`<section aria-labelledby="files-title" class="file-list">
    <h3 id="files-title">${t('filesTitle')}</h3>
    ${files.length ? html`<ul>${files.map(({ m, a }) => html`<li data-attachment=${a.id}>
      <a href=${url(m, a)} target="_blank" rel="noopener noreferrer">${a.name}</a>
      <span class="file-meta">${kindText(a, t)}, ${sizeText(a.size, locale)} · ${t('fileSent', { author: authorName(m.author, t), time: dateTimeText(m.createdAt, locale) })}</span>
    </li>`)}</ul>` : html`<p class="muted">${t('filesEmpty')}</p>`}
  </section>`;
}
