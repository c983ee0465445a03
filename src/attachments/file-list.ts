import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { isImageType, type ConversationFile } from '../protocol/attachments.js';
import { attachTranslator, formatSize, type AttachT } from './strings.js';

/** Where the list is: its load is under way, failed, or done. */
const LoadState = { loading: 'loading', failed: 'failed', done: 'done' } as const;
type LoadState = (typeof LoadState)[keyof typeof LoadState];

/**
 * "Filer i chatten": every file of the conversation, newest first, so a document the clinic sent
 * days ago is found without paging the thread back (issue #18). A modal dialog with a heading
 * and a list; each file with its name, kind and size, who sent it and when, and "Öppna" (the
 * same URL the thread uses). Loading, failure (with "Försök igen") and empty states. Names are
 * bound as text, never as HTML. Escape or "Stäng" closes it; the opener gets focus back through
 * `onClose`.
 *
 * @internal Rendered by `<vard-conversation>` while open; defined by the attachments feature chunk.
 */
export class VardFileList extends LitElement {
  static override styles = css`
    dialog { width: min(92vw, 30rem); max-height: 85vh; padding: 0; border: 1px solid var(--vard-color-border, #767676); border-radius: 8px; }
    .head { display: flex; align-items: center; justify-content: space-between; gap: 0.5rem; padding: 0.5rem 0.75rem; border-bottom: 1px solid var(--vard-color-border, #767676); }
    h2 { font-size: 1.1rem; margin: 0; }
    .body { padding: 0.5rem 0.75rem 0.75rem; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { padding: 0.5rem 0; border-bottom: 1px solid var(--vard-color-border, #d0d0d0); }
    li:last-child { border-bottom: 0; }
    p { margin: 0; }
    .name { font-weight: 600; overflow-wrap: anywhere; }
    .meta { font-size: 0.875em; }
    button { min-height: 44px; padding: 0 12px; border-radius: 8px; border: 2px solid var(--vard-color-border, #767676); background: var(--vard-color-surface, #fff); color: inherit; font: inherit; }
    a { display: inline-block; min-height: 24px; margin-block-start: 0.25rem; color: var(--_primary, #0b57d0); }
    button:focus-visible, a:focus-visible { outline: 3px solid var(--vard-color-focus, #005fcc); outline-offset: 2px; }
  `;

  @property() locale = 'sv';
  /** Loads the conversation's files (the backend's `listAttachments`). */
  @property({ attribute: false }) load: (() => Promise<ConversationFile[]>) | undefined;
  /** Where a stored file is opened from (the backend's URL), or undefined when it cannot be. */
  @property({ attribute: false }) url: ((id: string) => string | undefined) | undefined;
  /** Called once the dialog has closed (Escape or "Stäng"): the opener takes focus back. */
  @property({ attribute: false }) onClose: (() => void) | undefined;

  @state() private status: LoadState = LoadState.loading;
  @state() private files: ConversationFile[] = [];

  protected override firstUpdated(): void {
    this.renderRoot.querySelector('dialog')?.showModal();
    void this.fetchFiles();
  }

  override render() {
    const t = attachTranslator(this.locale);
    return html`<dialog aria-labelledby="files-title" @close=${() => this.onClose?.()}>
      <div class="head">
        <h2 id="files-title">${t('filesTitle')}</h2>
        <button type="button" class="close" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>${t('close')}</button>
      </div>
      <div class="body">${this.renderBody(t)}</div>
    </dialog>`;
  }

  private renderBody(t: AttachT) {
    if (this.status === LoadState.loading) return html`<p role="status">${t('filesLoading')}</p>`;
    if (this.status === LoadState.failed) {
      return html`<p role="alert">${t('filesFailed')}</p>
        <button type="button" class="retry" @click=${() => void this.handleRetry()}>${t('retry')}</button>`;
    }
    if (this.files.length === 0) return html`<p role="status">${t('filesEmpty')}</p>`;
    return html`<ul aria-labelledby="files-title">${this.files.map((f) => this.renderFile(f, t))}</ul>`;
  }

  private renderFile(f: ConversationFile, t: AttachT) {
    const size = formatSize(f.size, this.locale);
    const src = this.url?.(f.id);
    const who = f.author.role === 'patient' ? t('fromYou') : f.author.role === 'clinician' && f.author.name ? t('fromNamed', { name: f.author.name }) : t('fromClinic');
    return html`<li>
      <p class="name">${f.name}</p>
      <p class="meta">${t(isImageType(f.type) ? 'kindImage' : 'kindPdf')} · ${size}</p>
      <p class="meta">${who} · <time datetime=${f.createdAt}>${this.when(f.createdAt)}</time></p>
      ${src ? html`<a href=${src} target="_blank" rel="noopener noreferrer" aria-label=${t('openNamed', { name: f.name, size })}>${t('open')}</a>` : nothing}
    </li>`;
  }

  private when(iso: string): string {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(this.locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  }

  private async fetchFiles(): Promise<void> {
    this.status = LoadState.loading;
    try {
      this.files = (await this.load?.()) ?? [];
      this.status = LoadState.done;
    } catch {
      this.status = LoadState.failed;
    }
  }

  /** "Försök igen": the button is gone while loading, so focus goes to what is there after (the retry again, or the first file). */
  private async handleRetry(): Promise<void> {
    await this.fetchFiles();
    await this.updateComplete;
    (this.renderRoot.querySelector('.retry, ul a, .close') as HTMLElement | null)?.focus();
  }
}
