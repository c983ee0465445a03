import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { draftLength, type DraftCheck } from '../../core/draft.js';
import { MAX_MESSAGE_LENGTH } from '../../core/types.js';
import { translator, type Locale } from '../../i18n/index.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import { styles } from './composer.styles.js';

/**
 * The message composer: a labelled textarea and a send button. Enter sends, Shift+Enter adds a
 * line. A draft that cannot be sent (too long) stays in the box with an explanation.
 *
 * @internal Rendered by `<vard-chat-view>`.
 */
export class VardComposer extends LitElement {
  static override styles = [baseStyles, styles];

  @property() locale: Locale = 'sv';
  /** Called with the draft; the draft is cleared only when this returns ok. */
  @property({ attribute: false }) submit: ((text: string) => DraftCheck) | undefined;
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
            aria-invalid=${this.error ? 'true' : 'false'} @input=${this.handleInput} @keydown=${this.handleKeydown}></textarea>
          <button class="send" type="submit">${t('send')}</button>
        </div>
        <p id="composer-hint" class="hint">${t('composerHint')}</p>
        ${left < this.maxLength * 0.1
          ? html`<p class="count" aria-live="polite">${left >= 0 ? t('charsLeft', { count: left }) : t('charsOver', { count: -left })}</p>` : nothing}
        ${this.error ? html`<p id="composer-error" class="error" role="alert">${this.error}</p>` : nothing}
      </form>
    `;
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
    const result = this.submit?.(this.textarea.value);
    if (!result) return;
    if (result.ok) {
      this.draft = '';
      this.textarea.value = '';
      this.error = '';
    } else if (result.reason === 'too-long') {
      this.error = translator(this.locale)('tooLong', { length: result.length, max: result.max });
    }
    this.textarea.focus();
  }
}
