/**
 * The reference evaluation: a five-step satisfaction scale coded 1–5, each step with its own
 * label, and an optional comment. The widget asks it (in the patient's language) when an
 * evaluation message carries no questionnaire; the reference server sends it in Swedish, and
 * counts answers per code with the labels.
 */
import type { Questionnaire } from './fhir.js';

export const EVALUATION_ID = 'chat-evaluation';
export const EVALUATION_SCALE_LINK_ID = 'satisfaction';
export const EVALUATION_COMMENT_LINK_ID = 'comment';

export interface EvaluationTexts {
  /** The question, e.g. "Hur nöjd är du med chatten?". */
  question: string;
  /** The five steps from the lowest (code 1) to the highest (code 5). */
  scale: readonly [string, string, string, string, string];
  comment: string;
}

export function evaluationQuestionnaire(texts: EvaluationTexts) {
  return {
    resourceType: 'Questionnaire',
    id: EVALUATION_ID,
    status: 'active',
    item: [
      {
        linkId: EVALUATION_SCALE_LINK_ID, type: 'choice', required: true, text: texts.question,
        answerOption: texts.scale.map((display, i) => ({ valueCoding: { code: String(i + 1), display } })),
      },
      { linkId: EVALUATION_COMMENT_LINK_ID, type: 'text', text: texts.comment, maxLength: 1000 },
    ],
  } as const satisfies Questionnaire;
}

/** The reference evaluation in Swedish, as the reference server sends it. */
export const EVALUATION_QUESTIONNAIRE = evaluationQuestionnaire({
  question: 'Hur nöjd är du med chatten?',
  scale: ['Mycket missnöjd', 'Missnöjd', 'Varken nöjd eller missnöjd', 'Nöjd', 'Mycket nöjd'],
  comment: 'Vill du berätta mer?',
});
