import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { evaluationResponse } from '../../core/message-kinds.js';
import type { Questionnaire, QuestionnaireResponse } from '../../core/types.js';
import { translator, type Locale } from '../../i18n/index.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import { actionStyles } from './action.styles.js';
import { renderQuestionnaire } from './questionnaire.js';

/**
 * The evaluation after a conversation closes: the backend's questionnaire when it sends one,
 * else a 1–5 satisfaction scale and an optional comment. Skipping is allowed.
 *
 * @internal Rendered by `<vard-conversation>` when the conversation is closed.
 */
export class VardEvaluation extends LitElement {
  static override styles = [baseStyles, actionStyles];

  @property() locale: Locale = 'sv';
  @property({ attribute: false }) questionnaire: Questionnaire | undefined;
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
    if (this.questionnaire) {
      return html`${renderQuestionnaire({
        questionnaire: this.questionnaire, locale: this.locale, done: false, submitLabel: t('evaluationSubmit'),
        submit: async (qr) => (await this.send(qr), true),
      })}<div class="row"><button type="button" class="secondary" @click=${() => this.send(null)}>${t('evaluationSkip')}</button></div>`;
    }
    return html`<form @submit=${this.handleSubmit} novalidate>
      <fieldset aria-describedby="scale-hint ${this.missing ? 'eval-error' : ''}">
        <legend>${t('evaluationTitle')}</legend>
        <p id="scale-hint">${t('evaluationScale')}</p>
        <div class="scale">${[1, 2, 3, 4, 5].map((n) => html`<label><input type="radio" name="score" value=${n}>${n}</label>`)}</div>
      </fieldset>
      <label for="comment">${t('evaluationComment')}</label>
      <textarea id="comment" rows="2" maxlength="1000"></textarea>
      ${this.missing ? html`<p id="eval-error" class="error" role="alert">${t('evaluationRequired')}</p>` : nothing}
      ${this.failed ? html`<p class="error" role="alert">${t('actionFailed')}</p>` : nothing}
      <div class="row">
        <button type="submit" class="primary">${t('evaluationSubmit')}</button>
        <button type="button" class="secondary" @click=${() => this.send(null)}>${t('evaluationSkip')}</button>
      </div>
    </form>`;
  }

  private handleSubmit(e: Event): void {
    e.preventDefault();
    const picked = this.renderRoot.querySelector<HTMLInputElement>('input[name="score"]:checked');
    this.missing = !picked;
    if (!picked) return;
    const comment = this.renderRoot.querySelector('textarea')?.value ?? '';
    void this.send(evaluationResponse(Number(picked.value), comment));
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
