import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consoleTranslator, type ConsoleLocale } from '../../i18n/index.js';
import { consoleStyles } from '../../styles/console.styles.js';
import { ConsoleNoticeEvent, errorText } from '../shared/format.js';
import type { StartClinicConversationBody } from '../../core/wire.js';

/**
 * Starts a conversation with a patient (clinic-initiated): a message over days (async) or a live
 * chat (sync), with an optional subject and the first message. Keeps what was typed on failure.
 *
 * @internal Rendered by `<vard-console>`.
 */
export class VardConsoleStart extends LitElement {
  static override styles = consoleStyles;

  @property() locale: ConsoleLocale = 'sv';
  @property({ attribute: false }) patients: readonly { subject: string; name: string }[] = [];
  @property({ attribute: false }) start: ((req: StartClinicConversationBody) => Promise<void>) | undefined;
  @state() private error = '';
  @state() private busy = false;

  override render() {
    const t = consoleTranslator(this.locale);
    if (!this.patients.length) return html`<h2>${t('startTitle')}</h2><p class="muted">${t('noPatients')}</p>`;
    return html`<form @submit=${this.handleSubmit} novalidate aria-labelledby="start-title">
      <h2 id="start-title">${t('startTitle')}</h2>
      <label for="start-patient">${t('startPatient')}</label>
      <select id="start-patient" name="patient">${this.patients.map((p) => html`<option value=${p.subject}>${p.name}</option>`)}</select>
      <label for="start-mode">${t('startMode')}</label>
      <select id="start-mode" name="mode"><option value="async">${t('mode_async')}</option><option value="sync">${t('mode_sync')}</option></select>
      <label for="start-subject">${t('startSubject')}</label>
      <input id="start-subject" name="subject" maxlength="120" autocomplete="off">
      <label for="start-text">${t('startText')}</label>
      <textarea id="start-text" name="text" rows="3" maxlength="4000" aria-describedby=${this.error ? 'start-error' : nothing}></textarea>
      ${this.error ? html`<p id="start-error" class="error" role="alert">${this.error}</p>` : nothing}
      <div class="row"><button type="submit" class="primary" ?disabled=${this.busy}>${t('startSubmit')}</button></div>
    </form>`;
  }

  private async handleSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const t = consoleTranslator(this.locale);
    const form = e.target as HTMLFormElement;
    const fd = new FormData(form);
    const text = String(fd.get('text') ?? '').trim();
    if (!text) {
      this.error = t('fieldMissing', { field: t('startText').toLowerCase() });
      form.querySelector<HTMLElement>('#start-text')?.focus();
      return;
    }
    const subject = String(fd.get('subject') ?? '').trim();
    const req: StartClinicConversationBody = { patient: String(fd.get('patient')), mode: fd.get('mode') === 'sync' ? 'sync' : 'async', text, ...(subject ? { subject } : {}) };
    this.busy = true;
    this.error = '';
    try {
      await this.start?.(req);
      form.reset();
      this.dispatchEvent(new ConsoleNoticeEvent({ kind: 'info', text: t('started') }));
    } catch (err) {
      this.error = errorText(err, t);
    } finally {
      this.busy = false;
    }
  }
}
