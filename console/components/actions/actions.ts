import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consoleTranslator, type ConsoleLocale, type T } from '../../i18n/index.js';
import type { ConsoleStore } from '../../core/console-store.js';
import { consoleStyles } from '../../styles/console.styles.js';
import { ConsoleNoticeEvent, errorText } from '../shared/format.js';
import { ACTION_FORMS, type ActionKind, type FormResult } from './forms.js';
import { styles } from './actions.styles.js';

export const ACTION_KINDS: readonly ActionKind[] = ['handover', 'booking', 'callback', 'video', 'questionnaire', 'close'];

/**
 * The nurse's actions on the open conversation, one disclosure each (a button with
 * aria-expanded that opens its form): hand over, offer times, offer a call-back, send a video
 * link, send a form, close. Escape closes the open form and returns focus to its button. A form
 * keeps what was filled in until the server has accepted it.
 *
 * @internal Rendered by `<vard-console>` inside the conversation.
 */
export class VardConsoleActions extends LitElement {
  static override styles = [consoleStyles, styles];

  @property() locale: ConsoleLocale = 'sv';
  @property({ attribute: false }) store: ConsoleStore | undefined;
  /** The open conversation's id: a new one closes the open form. */
  @property() conversationId = '';
  @property({ type: Boolean }) closed = false;
  @state() private openKind: ActionKind | undefined;
  @state() private error = '';
  @state() private busy = false;
  /** How many slot / window rows the booking and call-back forms show. */
  @state() private rows = { booking: 2, callback: 1 };

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('conversationId') && changed.get('conversationId') !== undefined) {
      this.openKind = undefined;
      this.error = '';
    }
  }

  override render() {
    const t = consoleTranslator(this.locale);
    const kinds = this.closed ? [] : ACTION_KINDS;
    if (!kinds.length) return nothing;
    return html`<section aria-labelledby="actions-title" @keydown=${this.handleKeydown}>
      <h3 id="actions-title">${t('actionsTitle')}</h3>
      <div class="toggles">${kinds.map((k) => html`<button type="button" id="toggle-${k}" aria-expanded=${this.openKind === k ? 'true' : 'false'}
        aria-controls="panel-${k}" @click=${() => this.toggle(k)}>${t(`action_${k}`)}</button>`)}</div>
      ${this.openKind ? this.renderPanel(this.openKind, t) : nothing}
    </section>`;
  }

  private renderPanel(kind: ActionKind, t: T) {
    return html`<form id="panel-${kind}" class="panel card" aria-labelledby="toggle-${kind}" novalidate
      @submit=${(e: SubmitEvent) => this.handleSubmit(e, kind)}>
      ${ACTION_FORMS[kind].render({ t, locale: this.locale, rows: this.rows, setRows: (r) => (this.rows = { ...this.rows, ...r }) })}
      ${this.error ? html`<p id="action-error" class="error" role="alert">${this.error}</p>` : nothing}
      <div class="row">
        <button type="submit" class="primary" ?disabled=${this.busy}>${t(ACTION_FORMS[kind].submit)}</button>
        <button type="button" @click=${() => this.collapse()}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  private toggle(kind: ActionKind): void {
    this.error = '';
    this.openKind = this.openKind === kind ? undefined : kind;
    if (this.openKind) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#panel-${kind} :is(input, select, textarea)`)?.focus());
    }
  }

  private collapse(): void {
    const kind = this.openKind;
    this.openKind = undefined;
    this.error = '';
    if (kind) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#toggle-${kind}`)?.focus());
  }

  private handleKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.openKind) {
      e.stopPropagation();
      this.collapse();
    }
  }

  private async handleSubmit(e: SubmitEvent, kind: ActionKind): Promise<void> {
    e.preventDefault();
    const t = consoleTranslator(this.locale);
    const form = e.target as HTMLFormElement;
    const result: FormResult = ACTION_FORMS[kind].read(new FormData(form), t);
    if (!result.ok) {
      this.error = result.message;
      form.querySelector<HTMLElement>(`[name="${CSS.escape(result.field)}"]`)?.focus();
      return;
    }
    if (!this.store) return;
    this.busy = true;
    this.error = '';
    try {
      await result.run(this.store);
      this.dispatchEvent(new ConsoleNoticeEvent({ kind: 'info', text: t(result.done) }));
      this.collapse();
    } catch (err) {
      this.error = errorText(err, t);
    } finally {
      this.busy = false;
    }
  }
}
