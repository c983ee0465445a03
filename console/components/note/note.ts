import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ConsoleStore } from '../../core/console-store.js';
import type { RecordNote } from '../../core/wire.js';
import { consoleTranslator, type ConsoleLocale } from '../../i18n/index.js';
import { consoleStyles } from '../../styles/console.styles.js';
import { ConsoleNoticeEvent, errorText } from '../shared/format.js';

/**
 * The note for the patient record, from the server: plain text to read and copy (shown in a
 * read-only text box, never as HTML), and the FHIR R4 Bundle to download. Read when opened, and
 * again on each opening (the conversation goes on).
 *
 * @internal Rendered by `<vard-console>` inside the conversation.
 */
export class VardConsoleNote extends LitElement {
  static override styles = consoleStyles;

  @property() locale: ConsoleLocale = 'sv';
  @property({ attribute: false }) store: ConsoleStore | undefined;
  @property() conversationId = '';
  @state() private note: RecordNote | undefined;
  @state() private expanded = false;
  @state() private error = '';

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('conversationId')) {
      this.note = undefined;
      this.expanded = false;
      this.error = '';
    }
  }

  override render() {
    const t = consoleTranslator(this.locale);
    return html`<section aria-labelledby="note-title">
      <h3 id="note-title">${t('noteTitle')}</h3>
      <button type="button" aria-expanded=${this.expanded ? 'true' : 'false'} aria-controls="note-panel" @click=${this.toggle}>${t('noteShow')}</button>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.expanded && this.note ? html`<div id="note-panel">
        <p class="hint" id="note-hint">${t('noteHint')}</p>
        <label for="note-text">${t('noteText')}</label>
        <textarea id="note-text" readonly rows="12" aria-describedby="note-hint" .value=${this.note.text}></textarea>
        <div class="row">
          <button type="button" class="primary" @click=${this.copy}>${t('noteCopy')}</button>
          <a class="download" href=${this.store?.recordDownloadUrl(this.conversationId) ?? ''} download="journalanteckning.fhir.json">${t('noteDownload')}</a>
        </div>
      </div>` : nothing}
    </section>`;
  }

  private async toggle(): Promise<void> {
    if (this.expanded) {
      this.expanded = false;
      return;
    }
    const t = consoleTranslator(this.locale);
    this.error = '';
    try {
      this.note = await this.store?.record(this.conversationId);
      this.expanded = !!this.note;
    } catch (e) {
      this.error = errorText(e, t);
    }
  }

  private async copy(): Promise<void> {
    const t = consoleTranslator(this.locale);
    try {
      await navigator.clipboard.writeText(this.note?.text ?? '');
      this.dispatchEvent(new ConsoleNoticeEvent({ kind: 'info', text: t('noteCopied') }));
    } catch {
      const box = this.renderRoot.querySelector<HTMLTextAreaElement>('#note-text');
      box?.focus();
      box?.select();
      this.dispatchEvent(new ConsoleNoticeEvent({ kind: 'error', text: t('noteCopyFailed') }));
    }
  }
}
