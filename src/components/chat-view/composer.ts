import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { draftLength, type DraftCheck } from '../../core/draft.js';
import { MAX_MESSAGE_LENGTH } from '../../core/types.js';
import { translator, type Locale } from '../../i18n/index.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import { styles } from './composer.styles.js';
import type { OutboxFile } from '../../core/outbox/types.js';

/** The types the file picker offers (the bytes are checked again after the pick). */
const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';

/**
 * The message composer: a labelled textarea and a send button. Enter sends, Shift+Enter adds a
 * line. A draft that cannot be sent (too long) stays in the box with an explanation. When the
 * backend takes files, "Bifoga fil" (and paste) adds photos and PDFs: re-encoded in the browser
 * (no EXIF, at most 2,048 px), listed with "Ta bort" before sending, refused with a sentence that
 * says why. The attachment code loads on the first pick, not with the composer.
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
  @state() private files: OutboxFile[] = [];
  @state() private fileErrors: string[] = [];
  @state() private strings: typeof import('../../attachments/pick.js') | undefined;
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
          ${this.canAttach ? html`<button class="attach" type="button" @click=${this.openPicker}>${t('attach')}</button>
            <input class="file" type="file" accept=${ACCEPT} multiple hidden tabindex="-1" aria-hidden="true" @change=${this.handlePicked}>` : nothing}
          <button class="send" type="submit">${t('send')}</button>
        </div>
        ${this.renderFiles()}
        <p id="composer-hint" class="hint">${t('composerHint')}</p>
        ${left < this.maxLength * 0.1
          ? html`<p class="count" aria-live="polite">${left >= 0 ? t('charsLeft', { count: left }) : t('charsOver', { count: -left })}</p>` : nothing}
        ${this.error ? html`<p id="composer-error" class="error" role="alert">${this.error}</p>` : nothing}
      </form>
    `;
  }

  private renderFiles() {
    const s = this.strings;
    if (!s || (!this.files.length && !this.fileErrors.length)) return nothing;
    const at = s.attachTranslator(this.locale);
    return html`
      ${this.files.length ? html`<ul class="files" aria-label=${at('chosen')}>${this.files.map((f, i) => html`<li>
        <span class="file-name">${f.name}</span> <span class="file-size">${s.formatSize(f.size, this.locale)}</span>
        <button type="button" class="remove" aria-label=${at('removeNamed', { name: f.name })} @click=${() => this.removeFile(i)}>${at('remove')}</button>
      </li>`)}</ul>` : nothing}
      ${this.fileErrors.length ? html`<div class="error" role="alert">${this.fileErrors.map((e) => html`<p>${e}</p>`)}</div>` : nothing}`;
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

  /** Checks and re-encodes the files (lazy module), then lists them or says why not. */
  async addFiles(picked: File[]): Promise<void> {
    if (!picked.length) return;
    const s = (this.strings ??= await import('../../attachments/pick.js'));
    const { added, errors } = await s.pickFiles(picked, this.files.length, this.locale);
    this.files = [...this.files, ...added];
    this.fileErrors = errors;
  }

  private removeFile(i: number): void {
    this.files = this.files.filter((_, n) => n !== i);
    this.fileErrors = [];
    this.textarea.focus();
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
    const result = this.submit?.(this.textarea.value, this.files.length ? this.files : undefined);
    if (!result) return;
    if (result.ok) {
      this.draft = '';
      this.textarea.value = '';
      this.error = '';
      this.files = [];
      this.fileErrors = [];
    } else if (result.reason === 'too-long') {
      this.error = translator(this.locale)('tooLong', { length: result.length, max: result.max });
    }
    this.textarea.focus();
  }
}
