/**
 * `vard-chat/triage`: the triage engine (FHIR R4 Questionnaire in, QuestionnaireResponse out;
 * framework-free) and the `<vard-triage>` form (register it with `vard-chat/triage/define`).
 */
export { VardTriage } from '../components/triage/triage.js';
export { VardTriageCompleteEvent } from '../events/triage-complete-event.js';
export { VardTriageEmergencyEvent } from '../events/triage-emergency-event.js';
export {
  checkQuestionnaire, enabledItems, validateAnswers, validateItem, redFlags, buildResponse, contactReason, steps,
  RED_FLAG_URL, CONTACT_REASON_URL,
} from '../core/triage/index.js';
export type {
  QuestionnaireIssue, AnswerIssue, RedFlag, Answer, Answers, QuestionnaireItem, Step, CheckResult,
  Questionnaire, QuestionnaireResponse,
} from '../core/triage/index.js';
