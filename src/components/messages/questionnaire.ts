import { html, type TemplateResult } from 'lit';
import type { Questionnaire, QuestionnaireResponse } from '../../core/types.js';
import { loadFeature } from '../../define/lazy-features.js';
import type { Locale } from '../../i18n/index.js';

/**
 * THE SEAM for inline questionnaires (questionnaire messages and custom evaluations).
 * A renderer gets the FHIR Questionnaire from the message payload (already checked to have
 * `resourceType: 'Questionnaire'`, otherwise still hostile) and a `submit` callback that sends
 * the QuestionnaireResponse through the adapter (`respond` or `submitEvaluation`) and resolves
 * true once accepted. The default renderer uses `<vard-triage>` (the same form as the pre-chat
 * triage) for every questionnaire the engine supports; an integrator can swap in their own
 * with `setQuestionnaireRenderer`.
 */
export interface QuestionnaireSeam {
  questionnaire: Questionnaire;
  locale: Locale;
  /** True once this questionnaire has been answered. */
  done: boolean;
  submit(answers: QuestionnaireResponse): Promise<boolean>;
  /** The send button's text when not the default "Skicka svaren" (an evaluation: "Skicka omdömet"). */
  submitLabel?: string;
}
export type QuestionnaireRenderer = (seam: QuestionnaireSeam) => TemplateResult;

// the element and the questionnaire engine are the triage feature chunk, loaded on first use
let current: QuestionnaireRenderer = (s) => {
  loadFeature('triage').catch(() => undefined);
  return html`<vard-inline-questionnaire .questionnaire=${s.questionnaire}
    .locale=${s.locale} .done=${s.done} .submit=${s.submit} .submitLabel=${s.submitLabel}></vard-inline-questionnaire>`;
};

export function setQuestionnaireRenderer(r: QuestionnaireRenderer): void {
  current = r;
}

export function renderQuestionnaire(seam: QuestionnaireSeam): TemplateResult {
  return current(seam);
}
