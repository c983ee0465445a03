/** The triage engine: FHIR R4 Questionnaire in, QuestionnaireResponse out. Framework-free. */
export * from './types.js';
export { checkQuestionnaire, type CheckResult } from './check.js';
export { enabledItems, isEnabled, conditionHolds } from './enable-when.js';
export { initialAnswers, answerFromText, optionAnswer, optionMatches } from './answers.js';
export { validateItem, validateAnswers } from './validate.js';
export { redFlags, type RedFlag } from './red-flags.js';
export { buildResponse, questionnaireReference, type ResponseOptions } from './response.js';
export { contactReason } from './routing.js';
export { steps, estimateTotal, type Step } from './steps.js';
