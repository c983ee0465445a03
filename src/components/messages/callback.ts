import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { parseWith } from '../../protocol/parse.js';
import { CallbackPayload as CallbackPayloadSchema, checkPhone } from '../../protocol/kinds/callback.js';
import type { CallbackAnswer, CallbackPayload } from '../../core/types.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import { actionStyles } from './action.styles.js';
import type { MessageContext } from './context.js';
import { intro, renderFallback, type KindRenderer } from './kinds.js';

/** `callback`: the message's text and the windows; a payload that fails its check, the fallback. */
export const renderCallbackKind: KindRenderer = (item, ctx) => {
  const p = parseWith(CallbackPayloadSchema, item.payload);
  return p ? html`${intro(item, ctx)}<vard-callback .payload=${p} .ctx=${ctx}></vard-callback>` : renderFallback(ctx);
};
import { timeRange } from './time-range.js';
import { sentenceStart } from '../../i18n/dates.js';

/**
 * A call-back offer: the windows in which the clinic can call. The patient picks one, sees the
 * end of the number the clinic has and may give another (`{ windowId, phone? }`), or declines
 * (`{ declined: true }`); the answer goes once to the payload's `actionId`.
 *
 * @internal Rendered for `kind: 'callback'` messages.
 */
export class VardCallback extends LitElement {
  static override styles = [baseStyles, actionStyles];

  @property({ attribute: false }) payload!: CallbackPayload;
  @property({ attribute: false }) ctx!: MessageContext;
  @state() private changing = false;
  @state() private missingWindow = false;
  @state() private invalidPhone = false;
  @state() private failed = false;

  override render() {
    const { t } = this.ctx;
    const answer = this.ctx.response(this.payload.actionId) as CallbackAnswer | undefined;
    if (answer) return html`<p class="done" role="status">${this.doneText(answer)}</p>`;
    return html`<form @submit=${this.handleSubmit} novalidate>
      <fieldset aria-describedby=${this.missingWindow ? 'window-error' : nothing}>
        <legend>${t('callbackPick')}</legend>
        <ul class="choices">${this.payload.windows.map((w) => html`<li><label class="option">
          <input type="radio" name="window" value=${w.id}> ${sentenceStart(this.range(w))}</label></li>`)}</ul>
      </fieldset>
      ${this.missingWindow ? html`<p id="window-error" class="error" role="alert">${t('callbackWindowMissing')}</p>` : nothing}
      <p>${this.payload.phoneHint ? t('callbackNumberHint', { hint: this.payload.phoneHint }) : t('callbackNumberOnFile')}</p>
      ${this.changing ? html`
        <label for="phone">${t('phoneLabel')}</label>
        <input id="phone" type="tel" autocomplete="tel" aria-invalid=${this.invalidPhone ? 'true' : 'false'}
          aria-describedby=${this.invalidPhone ? 'phone-error' : nothing}>
        ${this.invalidPhone ? html`<p id="phone-error" class="error" role="alert">${t('phoneInvalid')}</p>` : nothing}`
      : html`<div class="row"><button type="button" class="secondary" @click=${this.showPhone}>${t('callbackChangeNumber')}</button></div>`}
      ${this.failed ? html`<p class="error" role="alert">${t('actionFailed')}</p>` : nothing}
      <div class="row">
        <button type="submit" class="primary">${t('callbackSubmit')}</button>
        <button type="button" class="secondary" @click=${() => this.send({ declined: true })}>${t('callbackDecline')}</button>
      </div>
    </form>`;
  }

  private range(w: { start: string; end: string }): string {
    return timeRange(w.start, w.end, this.ctx.locale, this.ctx.now);
  }

  private doneText(answer: CallbackAnswer): string {
    const { t } = this.ctx;
    if ('declined' in answer) return t('callbackDeclined');
    const w = this.payload.windows.find((x) => x.id === answer.windowId);
    const time = w ? this.range(w) : '';
    return answer.phone ? t('callbackBookedPhone', { time, phone: answer.phone }) : t('callbackBooked', { time });
  }

  private async showPhone(): Promise<void> {
    this.changing = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#phone')?.focus();
  }

  private handleSubmit(e: Event): void {
    e.preventDefault();
    const picked = this.renderRoot.querySelector<HTMLInputElement>('input[name="window"]:checked');
    const raw = this.changing ? this.renderRoot.querySelector<HTMLInputElement>('#phone')?.value ?? '' : '';
    const phone = raw.trim() ? checkPhone(raw) : null;
    this.missingWindow = !picked;
    this.invalidPhone = raw.trim() !== '' && !phone;
    if (!picked || this.invalidPhone) return;
    void this.send(phone ? { windowId: picked.value, phone } : { windowId: picked.value });
  }

  private async send(answer: CallbackAnswer): Promise<void> {
    this.failed = false;
    try {
      await this.ctx.respond(this.payload.actionId, answer);
    } catch {
      this.failed = true;
    }
  }
}
