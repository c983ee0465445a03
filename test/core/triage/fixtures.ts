import type { Answer, Questionnaire, QuestionnaireItem } from '../../../src/core/triage/index.js';

export const q = (...item: QuestionnaireItem[]): Questionnaire => ({ resourceType: 'Questionnaire', url: 'https://example.se/Questionnaire/t', item });
export const code = (c: string): Answer => ({ valueCoding: { system: 'urn:s', code: c } });
export const coded = (linkId: string, ...codes: string[]): QuestionnaireItem => ({
  linkId, type: 'choice', text: linkId, answerOption: codes.map((c) => ({ valueCoding: { system: 'urn:s', code: c, display: c.toUpperCase() } })),
});
