import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { checkPhone, type CallbackPayload } from '../../core/message-kinds.js';
import { dateTimeOf } from '../../i18n/dates.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import { actionStyles } from './action.styles.js';
import type { MessageContext } from './context.js';

export interface CallbackResponse { type: 'callback'; confirmed: true; phone?: string }

/**
 * "We will call you around …". The patient confirms the number the clinic has, or gives
 * another one. The hint about the number on file is not shown until asked for.
 *
 * @internal Rendered for `kind: 'callback'` messages.
 */
export class VardCallback extends LitElement {
  static override styles = [baseStyles, actionStyles];

  @property({ attribute: false }) payload!: CallbackPayload;
  @property({ attribute: false }) ctx!: MessageContext;
  @property({ attribute: false }) messageId = '';
  @state() private other = false;
  @state() private showHint = false;
  @state() private invalid = false;
  @state() private failed = false;

  override render() {
    const { t, locale, now } = this.ctx;
    const time = dateTimeOf(this.payload.around, locale, now);
    if (this.ctx.response(this.messageId)) return html`<p class="done" role="status">${t('callbackConfirmed', { time })}</p>`;
    return html`
      <p class="card-title">${t('callbackTitle', { time })}</p>
      ${this.payload.phoneHint && !this.showHint
        ? html`<button type="button" class="secondary" @click=${() => (this.showHint = true)}>${t('callbackShowHint')}</button>` : nothing}
      ${this.showHint && this.payload.phoneHint ? html`<p>${t('callbackHint', { hint: this.payload.phoneHint })}</p>` : nothing}
      <div class="row">
        <button type="button" class="primary" @click=${() => this.send({ type: 'callback', confirmed: true })}>${t('callbackConfirm')}</button>
        ${this.other ? nothing : html`<button type="button" class="secondary" @click=${this.showOther}>${t('callbackOther')}</button>`}
      </div>
      ${this.other ? html`
        <form @submit=${this.submitOther} novalidate>
          <label for="phone">${t('phoneLabel')}</label>
          <input id="phone" type="tel" autocomplete="tel" aria-invalid=${this.invalid ? 'true' : 'false'}
            aria-describedby=${this.invalid ? 'phone-error' : nothing}>
          ${this.invalid ? html`<p id="phone-error" class="error" role="alert">${t('phoneInvalid')}</p>` : nothing}
          <div class="row"><button type="submit">${t('confirmPhone')}</button></div>
        </form>` : nothing}
      ${this.failed ? html`<p class="error" role="alert">${t('actionFailed')}</p>` : nothing}`;
  }

  private async showOther(): Promise<void> {
    this.other = true;
    await this.updateComplete;
    this.renderRoot.querySelector('input')?.focus();
  }

  private submitOther(e: Event): void {
    e.preventDefault();
    const phone = checkPhone(this.renderRoot.querySelector('input')?.value ?? '');
    this.invalid = !phone;
    if (phone) void this.send({ type: 'callback', confirmed: true, phone });
  }

  private async send(r: CallbackResponse): Promise<void> {
    this.failed = false;
    try {
      await this.ctx.respond(this.messageId, r);
    } catch {
      this.failed = true;
    }
  }
}
