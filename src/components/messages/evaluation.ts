import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { evaluationQuestionnaire } from '../../protocol/evaluation.js';
import { EvaluationPayload } from '../../protocol/kinds/evaluation.js';
import { parseWith } from '../../protocol/parse.js';
import { evaluationResponse, evaluationScale, type EvaluationScale } from '../../core/evaluation-scale.js';
import type { Questionnaire, QuestionnaireResponse } from '../../core/types.js';
import { translator, type Locale, type MessageKey, type Translate } from '../../i18n/index.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import { actionStyles } from './action.styles.js';
import { renderQuestionnaire } from './questionnaire.js';
import { renderFallback, type KindRenderer } from './kinds.js';

/** `evaluation` in the thread: a note (the form itself shows below the thread once closed). */
export const renderEvaluationKind: KindRenderer = (item, ctx) =>
  parseWith(EvaluationPayload, item.payload) ? html`<p class="system-text">${ctx.t('evaluationNote')}</p>` : renderFallback(ctx);

/** The reference evaluation (a five-step scale coded 1–5) in the patient's language. */
const defaultEvaluation = (t: Translate<MessageKey>) => evaluationQuestionnaire({
  question: t('evaluationTitle'),
  scale: [t('evalScale1'), t('evalScale2'), t('evalScale3'), t('evalScale4'), t('evalScale5')],
  comment: t('evaluationComment'),
});

/**
 * The evaluation after a conversation closes: the backend's questionnaire when it sends one,
 * else the reference five-step scale. A scale shows each step with the questionnaire's own
 * label; any other questionnaire shows as a form. Skipping is allowed.
 *
 * @internal Rendered by `<vard-conversation>` when the conversation is closed.
 */
export class VardEvaluation extends LitElement {
  static override styles = [baseStyles, actionStyles];

  @property() locale: Locale = 'sv';
  /** The evaluation message's payload (unchecked): its questionnaire when it has a valid one. */
  @property({ attribute: false }) payload: unknown;
  /** 'submitted' or 'skipped' once done. */
  @property() outcome: 'submitted' | 'skipped' | undefined;
  /** Submits the answers, or skips with null. */
  @property({ attribute: false }) submit: ((qr: QuestionnaireResponse | null) => Promise<void>) | undefined;
  @state() private missing = false;
  @state() private failed = false;

  override render() {
    const t = translator(this.locale);
    if (this.outcome === 'submitted') return html`<p class="done" role="status">${t('evaluationThanks')}</p>`;
    if (this.outcome === 'skipped') return nothing;
    const questionnaire: Questionnaire = parseWith(EvaluationPayload, this.payload)?.questionnaire ?? defaultEvaluation(t);
    const scale = evaluationScale(questionnaire);
    if (!scale) {
      return html`${renderQuestionnaire({
        questionnaire, locale: this.locale, done: false, submitLabel: t('evaluationSubmit'),
        submit: async (qr) => (await this.send(qr), true),
      })}<div class="row"><button type="button" class="secondary" @click=${() => this.send(null)}>${t('evaluationSkip')}</button></div>`;
    }
    return html`<form @submit=${(e: Event) => this.handleSubmit(e, scale)} novalidate>
      <fieldset aria-describedby=${this.missing ? 'eval-error' : nothing}>
        <legend>${scale.question.text}</legend>
        <ul class="choices">${scale.options.map((o) => html`<li><label class="option">
          <input type="radio" name="score" value=${o.code!}> ${o.display}</label></li>`)}</ul>
      </fieldset>
      ${this.missing ? html`<p id="eval-error" class="error" role="alert">${t('evaluationPick')}</p>` : nothing}
      ${scale.comment ? html`<label for="comment">${scale.comment.text}</label>
        <textarea id="comment" rows="2" maxlength=${scale.comment.maxLength}></textarea>` : nothing}
      ${this.failed ? html`<p class="error" role="alert">${t('actionFailed')}</p>` : nothing}
      <div class="row">
        <button type="submit" class="primary">${t('evaluationSubmit')}</button>
        <button type="button" class="secondary" @click=${() => this.send(null)}>${t('evaluationSkip')}</button>
      </div>
    </form>`;
  }

  private handleSubmit(e: Event, scale: EvaluationScale): void {
    e.preventDefault();
    const picked = this.renderRoot.querySelector<HTMLInputElement>('input[name="score"]:checked');
    this.missing = !picked;
    if (!picked) return;
    const comment = this.renderRoot.querySelector('textarea')?.value ?? '';
    void this.send(evaluationResponse(scale, picked.value, comment));
  }

  private async send(qr: QuestionnaireResponse | null): Promise<void> {
    this.failed = false;
    try {
      await this.submit?.(qr);
    } catch {
      this.failed = true;
    }
  }
}
