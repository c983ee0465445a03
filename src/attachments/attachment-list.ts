import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OutboxFile } from '../core/outbox/types.js';
import { isImageType, parseAttachment, type AttachmentRef } from '../protocol/attachments.js';
import { attachTranslator, formatSize } from './strings.js';

/**
 * The files of one message in the thread. Images: shown with the sender's alt text (or "Bild
 * från dig" / "Bild från vården"), a button that opens a larger view in a modal dialog (Escape
 * or "Stäng" closes it; focus returns). Documents (PDF): a card with the name, the size and
 * "Öppna". Names and alt texts are bound as text, never as HTML; nothing is ever rendered from a
 * file's content but the server's re-checked image bytes in an `<img>`. Files still waiting in
 * the outbox show their name and size only. A sent message's files are checked here
 * (`parseAttachment`): one that is not a valid reference shows as a file that cannot be opened,
 * and the rest of the message is unaffected.
 *
 * @internal Rendered by the thread; defined by the attachments feature chunk.
 */
export class VardAttachments extends LitElement {
  static override styles = css`
    :host { display: block; margin-block-start: 0.25rem; }
    ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; }
    button.image { padding: 0; border: 1px solid var(--vard-color-border, #767676); border-radius: 6px; background: none; cursor: zoom-in; }
    button.image:focus-visible, a:focus-visible { outline: 3px solid var(--vard-color-focus, #005fcc); outline-offset: 2px; }
    img.thumb { display: block; max-width: 12rem; max-height: 12rem; width: auto; height: auto; border-radius: 5px; }
    .card { border: 1px solid var(--vard-color-border, #767676); border-radius: 6px; padding: 0.5rem 0.75rem; min-width: 10rem; max-width: 100%; }
    .name { font-weight: 600; overflow-wrap: anywhere; margin: 0; }
    .size, .waiting { margin: 0; font-size: 0.875em; }
    dialog { max-width: min(96vw, 60rem); padding: 0.5rem; }
    dialog img { display: block; max-width: 100%; max-height: 80vh; }
    dialog button { margin-block-start: 0.5rem; }
  `;

  /** A sent message's references (unchecked: checked here), or a waiting message's outbox files. */
  @property({ attribute: false }) items: readonly unknown[] = [];
  /** The message is still in the outbox: `items` are its own files, not the server's references. */
  @property({ type: Boolean }) pending = false;
  @property() locale = 'sv';
  /** `patient` for the patient's own message, else the clinic. */
  @property() from: 'patient' | 'clinic' = 'clinic';
  /** Where a stored file (or its thumbnail) is fetched from (the backend's URL), or undefined when it cannot be shown. */
  @property({ attribute: false }) url: ((id: string, variant?: 'thumbnail') => string | undefined) | undefined;
  @state() private open: { src: string; alt: string } | undefined;
  private opener: HTMLElement | undefined;

  override render() {
    const t = attachTranslator(this.locale);
    return html`<ul>${this.items.map((a) => html`<li>${this.renderOne(this.pending ? a as OutboxFile : parseAttachment(a), t)}</li>`)}</ul>
      ${this.open ? html`<dialog aria-label=${this.open.alt} @close=${this.handleClose}>
        <img src=${this.open.src} alt=${this.open.alt}>
        <button type="button" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>${t('close')}</button>
      </dialog>` : nothing}`;
  }

  private renderOne(a: AttachmentRef | OutboxFile | null, t: ReturnType<typeof attachTranslator>) {
    if (!a) return html`<div class="card"><p class="name">${t('unreadable')}</p></div>`;
    const id = 'id' in a ? a.id : undefined;
    const size = formatSize(a.size, this.locale);
    const src = id ? this.url?.(id) : undefined;
    if (isImageType(a.type) && src) {
      const alt = a.alt?.trim() || t(this.from === 'patient' ? 'imageFromYou' : 'imageFromClinic');
      // the thread shows the sender's small copy when there is one (its pixels, so no layout shift); the larger view the file
      const th = 'id' in a ? a.thumbnail : undefined;
      const small = th && id ? { src: this.url?.(id, 'thumbnail'), ...th } : undefined;
      return html`<button type="button" class="image" aria-label=${t('showLarger', { alt })} @click=${(e: Event) => this.show(e, src, alt)}>
        ${small?.src
          ? html`<img class="thumb" src=${small.src} width=${small.width} height=${small.height} alt="" loading="lazy">`
          : html`<img class="thumb" src=${src} alt="" loading="lazy">`}</button>`;
    }
    return html`<div class="card">
      <p class="name">${a.name}</p>
      <p class="size">${isImageType(a.type) ? '' : `${t('document')} · `}${size}</p>
      ${src && !isImageType(a.type)
        ? html`<a href=${src} target="_blank" rel="noopener noreferrer" aria-label=${t('openNamed', { name: a.name, size })}>${t('open')}</a>`
        : id ? nothing : html`<p class="waiting">${t('waiting')}</p>`}
    </div>`;
  }

  private show(e: Event, src: string, alt: string): void {
    this.opener = e.currentTarget as HTMLElement;
    this.open = { src, alt };
    void this.updateComplete.then(() => this.renderRoot.querySelector('dialog')?.showModal());
  }

  private handleClose(): void {
    this.open = undefined;
    this.opener?.focus();
  }
}
