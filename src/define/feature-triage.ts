/** The triage feature chunk: the questionnaire engine, `<vard-triage>` and the inline questionnaire. */
import { ready as triageReady } from './vard-triage.js';
import { renderQuestionnaireKind, VardInlineQuestionnaire } from '../components/messages/inline-questionnaire.js';
import { registerKindRenderers } from '../components/messages/kinds.js';
import { defineElement } from './define-element.js';
import { loadFeatureTexts } from '../i18n/load.js';

/**
 * The elements are defined once the features' words are here (downloaded beside this module by
 * `loadFeature`, which waits for this): no element ever shows a key. Defined anyway if the words
 * fail to come, so the feature still works (`loadFeature` then fails and is tried again).
 */
export const ready = Promise.all([triageReady, loadFeatureTexts()]).then(define, define);

function define(): void {
  defineElement('vard-inline-questionnaire', VardInlineQuestionnaire);
  registerKindRenderers({ questionnaire: renderQuestionnaireKind });
}

export { checkQuestionnaire } from '../core/triage/check.js';
// the panel's templates that are only drawn once the triage is here
export { renderTriageForm } from '../components/chat-view/triage-form.js';
export { renderNextSteps } from '../components/triage/next-steps.js';

declare global {
  interface HTMLElementTagNameMap {
    'vard-inline-questionnaire': VardInlineQuestionnaire;
  }
}
