/** The triage feature chunk: the questionnaire engine, `<vard-triage>` and the inline questionnaire. */
import './vard-triage.js';
import { renderQuestionnaireKind, VardInlineQuestionnaire } from '../components/messages/inline-questionnaire.js';
import { registerKindRenderers } from '../components/messages/kinds.js';
import { defineElement } from './define-element.js';

defineElement('vard-inline-questionnaire', VardInlineQuestionnaire);
registerKindRenderers({ questionnaire: renderQuestionnaireKind });

export { checkQuestionnaire } from '../core/triage/check.js';
// the panel's templates that are only drawn once the triage is here
export { renderTriageForm } from '../components/chat-view/triage-form.js';
export { renderNextSteps } from '../components/triage/next-steps.js';

declare global {
  interface HTMLElementTagNameMap {
    'vard-inline-questionnaire': VardInlineQuestionnaire;
  }
}
