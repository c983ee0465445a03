import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Questionnaire, QuestionnaireResponse } from '../../core/types.js';
import type { Locale } from '../../i18n/index.js';
import { translator } from '../../i18n/index.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import { actionStyles } from './action.styles.js';

/**
 * THE SEAM for inline questionnaires (questionnaire messages and custom evaluations).
 * A renderer gets the FHIR Questionnaire from the message payload (already checked to have
 * `resourceType: 'Questionnaire'`, otherwise still hostile) and a `submit` callback that sends
 * the QuestionnaireResponse through the adapter (`respond` or `submitEvaluation`) and resolves
 * true once accepted. The lead swaps in `<vard-triage>` with `setQuestionnaireRenderer`.
 */
export interface QuestionnaireSeam {
  questionnaire: Questionnaire;
  locale: Locale;
  /** True once this questionnaire has been answered. */
  done: boolean;
  submit(answers: QuestionnaireResponse): Promise<boolean>;
}
export type QuestionnaireRenderer = (seam: QuestionnaireSeam) => TemplateResult;

let current: QuestionnaireRenderer = (s) => html`<vard-inline-questionnaire .questionnaire=${s.questionnaire}
  .locale=${s.locale} .done=${s.done} .submit=${s.submit}></vard-inline-questionnaire>`;

export function setQuestionnaireRenderer(r: QuestionnaireRenderer): void {
  current = r;
}

export function renderQuestionnaire(seam: QuestionnaireSeam): TemplateResult {
  return current(seam);
}

interface SimpleItem { linkId: string; text: string }
const simpleItems = (q: Questionnaire): SimpleItem[] =>
  (Array.isArray(q.item) ? q.item : []).slice(0, 20).flatMap((i: unknown) => {
    const o = i as Record<string, unknown> | null;
    return o && typeof o.linkId === 'string' && typeof o.text === 'string' ? [{ linkId: o.linkId, text: o.text }] : [];
  });

/**
 * Placeholder inline form until `<vard-triage>` is plugged in: one text answer per top-level
 * item. Texts from the questionnaire are shown as plain text.
 *
 * @internal
 */
export class VardInlineQuestionnaire extends LitElement {
  static override styles = [baseStyles, actionStyles];

  @property({ attribute: false }) questionnaire!: Questionnaire;
  @property() locale: Locale = 'sv';
  @property({ type: Boolean }) done = false;
  @property({ attribute: false }) submit: ((qr: QuestionnaireResponse) => Promise<boolean>) | undefined;
  @state() private failed = false;

  override render() {
    const t = translator(this.locale);
    if (this.done) return html`<p class="done" role="status">${t('questionnaireSent')}</p>`;
    const title = typeof this.questionnaire.title === 'string' ? this.questionnaire.title : t('questionnaireTitle');
    return html`<form @submit=${this.handleSubmit} novalidate>
      <p class="card-title">${title}</p>
      ${simpleItems(this.questionnaire).map((it, i) => html`
        <label for="q${i}">${it.text}</label><input id="q${i}" data-link-id=${it.linkId} autocomplete="off">`)}
      <div class="row"><button type="submit" class="primary">${t('questionnaireSubmit')}</button></div>
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
    this.failed = false;
    try {
      await this.submit?.(qr);
    } catch {
      this.failed = true;
    }
  }
}
