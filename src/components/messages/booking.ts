import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { BookingPayload, BookingSlot } from '../../core/message-kinds.js';
import { dateTimeOf, sentenceStart, timeOf } from '../../i18n/dates.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import { actionStyles } from './action.styles.js';
import type { MessageContext } from './context.js';

export interface BookingResponse { type: 'booking'; slotId?: string; otherTimes?: true }

/**
 * Proposed times for a physical visit or a video meeting. The patient picks one, or asks for
 * other times; the choice goes back once through `respond`.
 *
 * @internal Rendered for `kind: 'booking'` messages.
 */
export class VardBooking extends LitElement {
  static override styles = [baseStyles, actionStyles];

  @property({ attribute: false }) payload!: BookingPayload;
  @property({ attribute: false }) ctx!: MessageContext;
  @property({ attribute: false }) messageId = '';
  @state() private failed = false;

  override render() {
    const { t } = this.ctx;
    const chosen = this.ctx.response(this.messageId) as BookingResponse | undefined;
    if (chosen) {
      const slot = this.payload.slots.find((s) => s.id === chosen.slotId);
      return html`<p class="done" role="status">${slot ? t('bookingChosen', { slot: this.slotText(slot) }) : t('bookingOtherSent')}</p>`;
    }
    return html`
      <p id="q">${t('bookingTitle')}</p>
      <ul class="choices" aria-labelledby="q">
        ${this.payload.slots.map((s) => html`<li><button type="button" @click=${() => this.choose({ type: 'booking', slotId: s.id })}>${this.slotText(s)}</button></li>`)}
        <li><button type="button" class="secondary" @click=${() => this.choose({ type: 'booking', otherTimes: true })}>${t('bookingOther')}</button></li>
      </ul>
      ${this.failed ? html`<p class="error" role="alert">${t('actionFailed')}</p>` : nothing}`;
  }

  private slotText(s: BookingSlot): string {
    const { t, locale, now } = this.ctx;
    const what = s.type === 'video' ? t('slotVideo') : t('slotVisit');
    return `${sentenceStart(dateTimeOf(s.start, locale, now))}–${timeOf(s.end, locale)}, ${what}${s.label ? `, ${s.label}` : ''}`;
  }

  private async choose(r: BookingResponse): Promise<void> {
    this.failed = false;
    try {
      await this.ctx.respond(this.messageId, r);
    } catch {
      this.failed = true;
    }
  }
}
