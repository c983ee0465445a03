/** The triage feature chunk: the questionnaire engine, `<vard-triage>` and the inline questionnaire. */
import './vard-triage.js';
import { VardInlineQuestionnaire } from '../components/messages/inline-questionnaire.js';
import { defineElement } from './define-element.js';

defineElement('vard-inline-questionnaire', VardInlineQuestionnaire);

export { checkQuestionnaire } from '../core/triage/check.js';

declare global {
  interface HTMLElementTagNameMap {
    'vard-inline-questionnaire': VardInlineQuestionnaire;
  }
}
