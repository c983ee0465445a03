import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ConsoleStore } from '../../core/console-store.js';
import { checked } from '../../core/wire.js';
import { InternalNote, NoteList } from '../../../src/protocol/notes.js';
import { consoleTranslator, type ConsoleLocale } from '../../i18n/index.js';
import { consoleStyles } from '../../styles/console.styles.js';
import { authorName, ConsoleNoticeEvent, errorText } from '../shared/format.js';

const path = (id: string) => `/conversations/${encodeURIComponent(id)}/notes`;

/**
 * Internal notes: what colleagues write to each other about the conversation. Marked, in words
 * and in its frame, as never sent to the patient; the server keeps notes apart from messages.
 * Every note is shown as text. Read when the conversation opens and after each note written here.
 *
 * @internal Rendered by `<vard-console>` inside the conversation.
 */
export class VardConsoleInternalNotes extends LitElement {
  static override styles = [consoleStyles, css`
    section { border: 2px dashed var(--internal-border, #8a5a00); border-radius: 6px; padding: 0.75rem; background: var(--internal-bg, #fff8e6); }
    .badge { display: inline-block; font-size: 0.8rem; font-weight: 600; padding: 0 0.4rem; border-radius: 3px; background: #8a5a00; color: #fff; margin-inline-start: 0.5rem; }
    ol { list-style: none; margin: 0 0 0.5rem; padding: 0; }
    li { border-block-end: 1px solid #e3d3a8; padding: 0.25rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
    @media (forced-colors: active) { section { border-color: CanvasText; } .badge { border: 1px solid CanvasText; } }
  `];

  @property() locale: ConsoleLocale = 'sv';
  @property({ attribute: false }) store: ConsoleStore | undefined;
  @property() conversationId = '';
  @state() private notes: InternalNote[] = [];
  @state() private error = '';
  @state() private saving = false;
  private draft = '';

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('conversationId')) {
      this.notes = [];
      this.error = '';
      this.draft = '';
      if (this.conversationId) void this.load();
    }
  }

  override render() {
    const t = consoleTranslator(this.locale);
    return html`<section aria-labelledby="internal-title">
      <h3 id="internal-title">${t('internalTitle')}<span class="badge">${t('internalBadge')}</span></h3>
      <p class="hint" id="internal-hint">${t('internalHint')}</p>
      ${this.notes.length ? html`<ol aria-label=${t('internalList')}>${this.notes.map((n) => html`<li>
        <strong>${authorName(n.author, t)}</strong> · <time datetime=${n.createdAt}>${new Date(n.createdAt).toLocaleString(this.locale === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'short', timeStyle: 'short' })}</time><br>${n.text}
      </li>`)}</ol>` : html`<p class="muted">${t('internalEmpty')}</p>`}
      <form @submit=${this.handleSubmit} novalidate>
        <label for="internal-text">${t('internalLabel')}</label>
        <textarea id="internal-text" rows="3" maxlength="4000" aria-describedby=${this.error ? 'internal-hint internal-error' : 'internal-hint'}
          .value=${this.draft} @input=${(e: Event) => (this.draft = (e.target as HTMLTextAreaElement).value)}></textarea>
        ${this.error ? html`<p id="internal-error" class="error" role="alert">${this.error}</p>` : nothing}
        <div class="row"><button type="submit" ?disabled=${this.saving}>${t('internalSave')}</button></div>
      </form>
    </section>`;
  }

  private async load(): Promise<void> {
    const id = this.conversationId;
    try {
      const list = await this.store?.http.call('GET', path(id), undefined, checked(NoteList));
      if (list && id === this.conversationId) this.notes = list.notes;
    } catch (e) {
      if (id === this.conversationId) this.error = errorText(e, consoleTranslator(this.locale));
    }
  }

  private async handleSubmit(e: Event): Promise<void> {
    e.preventDefault();
    const t = consoleTranslator(this.locale);
    const id = this.conversationId;
    const text = this.draft;
    if (!text.trim()) {
      this.error = t('internalEmptyError');
      return;
    }
    if (this.saving || !this.store) return;
    this.saving = true;
    this.error = '';
    try {
      const note = await this.store.http.call('POST', path(id), { text }, checked(InternalNote));
      if (id === this.conversationId) {
        this.notes = [...this.notes, note];
        this.draft = '';
        const box = this.renderRoot.querySelector<HTMLTextAreaElement>('#internal-text');
        if (box) box.value = '';
      }
    } catch (err) {
      this.error = errorText(err, t);
      this.dispatchEvent(new ConsoleNoticeEvent({ kind: 'error', text: this.error }));
    } finally {
      this.saving = false;
    }
  }
}
