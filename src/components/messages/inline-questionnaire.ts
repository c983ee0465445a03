import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { checkQuestionnaire } from '../../core/triage/check.js';
import type { Questionnaire, QuestionnaireResponse } from '../../core/types.js';
import type { VardTriageCompleteEvent } from '../../events/triage-complete-event.js';
import { translator, type Locale } from '../../i18n/index.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import { actionStyles } from './action.styles.js';
import { parseWith } from '../../protocol/parse.js';
import { QuestionnairePayload } from '../../protocol/kinds/questionnaire.js';
import { intro, renderFallback, type KindRenderer } from './kinds.js';
import { renderQuestionnaire } from './questionnaire.js';

/** `questionnaire`: the message's text and the form (through the seam); a payload that fails its check, the fallback. */
export const renderQuestionnaireKind: KindRenderer = (item, ctx) => {
  const p = parseWith(QuestionnairePayload, item.payload);
  if (!p) return renderFallback(ctx);
  return html`${intro(item, ctx)}${renderQuestionnaire({
    questionnaire: p.questionnaire, locale: ctx.locale, done: ctx.response(p.actionId) !== undefined,
    submit: (qr: QuestionnaireResponse) => ctx.submitQuestionnaire(p.actionId, qr),
  })}`;
};

interface SimpleItem { linkId: string; text: string }
const simpleItems = (q: Questionnaire): SimpleItem[] =>
  (Array.isArray(q.item) ? q.item : []).slice(0, 20).flatMap((i: unknown) => {
    const o = i as Record<string, unknown> | null;
    return o && typeof o.linkId === 'string' && typeof o.text === 'string' ? [{ linkId: o.linkId, text: o.text }] : [];
  });

/**
 * An inline questionnaire: `<vard-triage>` (one question at a time, with validation and red
 * flags) when the engine supports the questionnaire; otherwise a plain fallback with one text
 * answer per top-level item, so the patient can still answer. Texts are shown as plain text.
 *
 * @internal
 */
export class VardInlineQuestionnaire extends LitElement {
  static override styles = [baseStyles, actionStyles];

  @property({ attribute: false }) questionnaire!: Questionnaire;
  @property() locale: Locale = 'sv';
  @property({ type: Boolean }) done = false;
  @property({ attribute: false }) submit: ((qr: QuestionnaireResponse) => Promise<boolean>) | undefined;
  @property({ attribute: false }) submitLabel: string | undefined;
  @state() private failed = false;

  override render() {
    const t = translator(this.locale);
    if (this.done) return html`<p class="done" role="status">${t('questionnaireSent')}</p>`;
    const title = typeof this.questionnaire.title === 'string' ? this.questionnaire.title : t('questionnaireTitle');
    if (checkQuestionnaire(this.questionnaire).ok) {
      return html`<p class="card-title">${title}</p>
        <vard-triage .questionnaire=${this.questionnaire} .locale=${this.locale} submit-label=${this.submitLabel || t('questionnaireSubmit')}
          @vard-triage-complete=${(e: VardTriageCompleteEvent) => void this.send(e.response)}></vard-triage>
        ${this.failed ? html`<p class="error" role="alert">${t('actionFailed')}</p>` : nothing}`;
    }
    return html`<form @submit=${this.handleSubmit} novalidate>
      <p class="card-title">${title}</p>
      ${simpleItems(this.questionnaire).map((it, i) => html`
        <label for="q${i}">${it.text}</label><input id="q${i}" data-link-id=${it.linkId} autocomplete="off">`)}
      <div class="row"><button type="submit" class="primary">${this.submitLabel || t('questionnaireSubmit')}</button></div>
      ${this.failed ? html`<p class="error" role="alert">${t('actionFailed')}</p>` : nothing}
    </form>`;
  }

  private async handleSubmit(e: Event): Promise<void> {
    e.preventDefault();
    const item = [...this.renderRoot.querySelectorAll('input')]
      .filter((i) => i.value.trim())
      .map((i) => ({ linkId: i.dataset.linkId!, answer: [{ valueString: i.value.trim() }] }));
    const qr: QuestionnaireResponse = { resourceType: 'QuestionnaireResponse', status: 'completed', item };
    if (typeof this.questionnaire.id === 'string') qr.questionnaire = this.questionnaire.id;
    await this.send(qr);
  }

  private async send(qr: QuestionnaireResponse): Promise<void> {
    this.failed = false;
    try {
      if ((await this.submit?.(qr)) === false) this.failed = true;
    } catch {
      this.failed = true;
    }
  }
}
