import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { draftLength, type DraftCheck } from '../../core/draft.js';
import { MAX_MESSAGE_LENGTH } from '../../core/types.js';
import { translator, type Locale } from '../../i18n/index.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import { styles } from './composer.styles.js';
import type { OutboxFile } from '../../core/outbox/types.js';
import { loadFeature } from '../../define/lazy-features.js';

/** The types the file picker offers (the bytes are checked again after the pick). */
const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';

/**
 * The message composer: a labelled textarea and a send button. Enter sends, Shift+Enter adds a
 * line. A draft that cannot be sent (too long) stays in the box with an explanation. When the
 * backend takes files, "Bifoga fil" (and paste) adds photos and PDFs: re-encoded in the browser
 * (no EXIF, at most 2,048 px), listed with "Ta bort" before sending, refused with a sentence that
 * says why. That code and the list (`<vard-chosen-files>`) are the pick feature chunk, downloaded
 * on the first pick or paste of a file, not with the composer.
 *
 * @internal Rendered by `<vard-chat-view>`.
 */
export class VardComposer extends LitElement {
  static override styles = [baseStyles, styles];

  @property() locale: Locale = 'sv';
  /** Called with the draft; the draft is cleared only when this returns ok. */
  @property({ attribute: false }) submit: ((text: string, files?: OutboxFile[]) => DraftCheck) | undefined;
  /** The backend takes files: show "Bifoga fil" and take pasted files. */
  @property({ type: Boolean }) canAttach = false;
  @property({ type: Number }) maxLength = MAX_MESSAGE_LENGTH;

  @state() private draft = '';
  @state() private error = '';
  @query('textarea') private textarea!: HTMLTextAreaElement;

  override focus(): void {
    void this.updateComplete.then(() => this.textarea?.focus());
  }

  override render() {
    const t = translator(this.locale);
    // the same count as the check on send (trimmed code points): over the limit it says by how much
    const left = this.maxLength - draftLength(this.draft);
    const describedBy = ['composer-hint', this.error ? 'composer-error' : ''].filter(Boolean).join(' ');
    return html`
      <form part="composer" @submit=${this.handleSubmit} novalidate>
        <label for="composer-input">${t('composerLabel')}</label>
        <div class="row">
          <textarea id="composer-input" rows="2" .value=${this.draft} aria-describedby=${describedBy}
            aria-invalid=${this.error ? 'true' : 'false'} @input=${this.handleInput} @keydown=${this.handleKeydown} @paste=${this.handlePaste}></textarea>
          <div class="buttons">
            ${this.canAttach ? html`<button class="attach" type="button" @click=${this.openPicker}>${t('attach')}</button>
              <input class="file" type="file" accept=${ACCEPT} multiple hidden @change=${this.handlePicked}>` : nothing}
            <button class="send" type="submit">${t('send')}</button>
          </div>
        </div>
        ${this.canAttach ? html`<vard-chosen-files .locale=${this.locale} @vard-file-remove=${this.focus}></vard-chosen-files>` : nothing}
        <p id="composer-hint" class="hint">${t('composerHint')}</p>
        ${left < this.maxLength * 0.1
          ? html`<p class="count" aria-live="polite">${left >= 0 ? t('charsLeft', { count: left }) : t('charsOver', { count: -left })}</p>` : nothing}
        ${this.error ? html`<p id="composer-error" class="error" role="alert">${this.error}</p>` : nothing}
      </form>
    `;
  }

  private openPicker(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input.file')?.click();
  }

  private handlePicked(e: Event): void {
    const input = e.target as HTMLInputElement;
    const picked = [...(input.files ?? [])];
    input.value = '';
    void this.addFiles(picked);
  }

  private handlePaste(e: ClipboardEvent): void {
    if (!this.canAttach) return;
    const pasted = [...(e.clipboardData?.files ?? [])];
    if (!pasted.length) return;
    e.preventDefault();
    void this.addFiles(pasted);
  }

  /**
   * Hands picked or pasted files to `<vard-chosen-files>`, which checks, re-encodes and lists
   * them. It is in the form whenever files can be attached, empty and undefined (so it shows
   * nothing) until the pick chunk's download defines it.
   */
  async addFiles(picked: File[]): Promise<void> {
    if (!picked.length) return;
    await loadFeature('pick');
    await this.updateComplete;
    await this.chosen()?.add(picked);
  }

  /** The chosen files' list once the pick chunk has defined it (before that nothing was chosen). */
  private chosen() {
    return this.renderRoot.querySelector<HTMLElementTagNameMap['vard-chosen-files']>('vard-chosen-files:defined');
  }

  private handleInput(e: InputEvent): void {
    this.draft = (e.target as HTMLTextAreaElement).value;
    if (this.error && draftLength(this.draft) <= this.maxLength) this.error = '';
  }

  private handleKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.send();
    }
  }

  private handleSubmit(e: Event): void {
    e.preventDefault();
    this.send();
  }

  private send(): void {
    const files = this.chosen()?.files;
    const result = this.submit?.(this.textarea.value, files?.length ? [...files] : undefined);
    if (!result) return;
    if (result.ok) {
      this.draft = '';
      this.textarea.value = '';
      this.error = '';
      this.chosen()?.clear();
    } else if (result.reason === 'too-long') {
      this.error = translator(this.locale)('tooLong', { length: result.length, max: result.max });
    }
    this.textarea.focus();
  }
}
