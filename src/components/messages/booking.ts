import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { BookingAnswer, BookingPayload, BookingSlot } from '../../core/types.js';
import { dateTimeOf, sentenceStart, timeOf } from '../../i18n/dates.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import { actionStyles } from './action.styles.js';
import type { MessageContext } from './context.js';
import { intro, renderFallback, type KindRenderer } from './kinds.js';
import { parseWith } from '../../protocol/parse.js';
import { BookingPayload as BookingPayloadSchema } from '../../protocol/kinds/booking.js';

/** `booking`: the message's text and the proposed times; a payload that fails its check, the fallback. */
export const renderBookingKind: KindRenderer = (item, ctx) => {
  const p = parseWith(BookingPayloadSchema, item.payload);
  return p ? html`${intro(item, ctx)}<vard-booking .payload=${p} .ctx=${ctx}></vard-booking>` : renderFallback(ctx);
};

/**
 * Proposed times for a physical visit or a video meeting. The patient picks one (`{ slotId }`),
 * or says none suits (`{ declined: true }`); the answer goes once to the payload's `actionId`.
 *
 * @internal Rendered for `kind: 'booking'` messages.
 */
export class VardBooking extends LitElement {
  static override styles = [baseStyles, actionStyles];

  @property({ attribute: false }) payload!: BookingPayload;
  @property({ attribute: false }) ctx!: MessageContext;
  @state() private failed = false;

  override render() {
    const { t } = this.ctx;
    const chosen = this.ctx.response(this.payload.actionId) as BookingAnswer | undefined;
    if (chosen) {
      const slot = 'slotId' in chosen ? this.payload.slots.find((s) => s.id === chosen.slotId) : undefined;
      return html`<p class="done" role="status">${slot ? t('bookingChosen', { slot: this.slotText(slot) }) : t('bookingOtherSent')}</p>`;
    }
    return html`
      <p id="q">${t('bookingTitle')}</p>
      <ul class="choices" aria-labelledby="q">
        ${this.payload.slots.map((s) => html`<li><button type="button" @click=${() => this.choose({ slotId: s.id })}>${this.slotText(s)}</button></li>`)}
        <li><button type="button" class="secondary" @click=${() => this.choose({ declined: true })}>${t('bookingOther')}</button></li>
      </ul>
      ${this.failed ? html`<p class="error" role="alert">${t('actionFailed')}</p>` : nothing}`;
  }

  private slotText(s: BookingSlot): string {
    const { t, locale, now } = this.ctx;
    const what = s.type === 'video' ? t('slotVideo') : t('slotVisit');
    return `${sentenceStart(dateTimeOf(s.start, locale, now))}–${timeOf(s.end, locale)}, ${what}${s.label ? `, ${s.label}` : ''}`;
  }

  private async choose(answer: BookingAnswer): Promise<void> {
    this.failed = false;
    try {
      await this.ctx.respond(this.payload.actionId, answer);
    } catch {
      this.failed = true;
    }
  }
}
