/**
 * The evaluation after a closed conversation: a questionnaire the widget can show as one scale
 * (and an optional comment), and the patient's answer. Framework-free.
 */
import type { Coding, Questionnaire, QuestionnaireResponse, QuestionnaireResponseItem } from '../protocol/fhir.js';

/** An evaluation the widget can show as one scale and an optional comment. */
export interface EvaluationScale {
  questionnaire: Questionnaire;
  question: { linkId: string; text: string };
  /** The steps in the questionnaire's order, each with its own label. */
  options: Coding[];
  comment?: { linkId: string; text: string; maxLength: number };
}

const MAX_STEPS = 11;
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The scale of an evaluation questionnaire: its first item is a required-or-not `choice` with
 * 2–11 coded options that each have a label, and it has at most one more item, a `text` or
 * `string` comment. Null for any other questionnaire (shown as a general form instead).
 */
export function evaluationScale(q: Questionnaire): EvaluationScale | null {
  const [first, second, ...rest] = q.item ?? [];
  if (!first || rest.length || first.type !== 'choice' || !first.text || !Array.isArray(first.answerOption)) return null;
  const options: Coding[] = [];
  for (const o of first.answerOption as unknown[]) {
    const c = isObj(o) && isObj(o.valueCoding) ? o.valueCoding : undefined;
    if (!c || typeof c.code !== 'string' || typeof c.display !== 'string' || !c.code || !c.display) return null;
    options.push({ code: c.code, display: c.display, ...(typeof c.system === 'string' ? { system: c.system } : {}) });
  }
  if (options.length < 2 || options.length > MAX_STEPS) return null;
  const scale: EvaluationScale = { questionnaire: q, question: { linkId: first.linkId, text: first.text }, options };
  if (second) {
    if ((second.type !== 'text' && second.type !== 'string') || !second.text) return null;
    const max = typeof second.maxLength === 'number' && second.maxLength > 0 ? Math.min(second.maxLength, 4000) : 1000;
    scale.comment = { linkId: second.linkId, text: second.text, maxLength: max };
  }
  return scale;
}

/** The patient's evaluation: the step chosen (with its label) and the comment when written. */
export function evaluationResponse(scale: EvaluationScale, code: string, comment: string): QuestionnaireResponse {
  const option = scale.options.find((o) => o.code === code);
  if (!option) throw new RangeError('not a step of the scale');
  const item: QuestionnaireResponseItem[] = [{ linkId: scale.question.linkId, text: scale.question.text, answer: [{ valueCoding: option }] }];
  const text = scale.comment ? comment.trim().slice(0, scale.comment.maxLength) : '';
  if (text && scale.comment) item.push({ linkId: scale.comment.linkId, text: scale.comment.text, answer: [{ valueString: text }] });
  const qr: QuestionnaireResponse = { resourceType: 'QuestionnaireResponse', status: 'completed', item };
  if (scale.questionnaire.id) qr.questionnaire = `Questionnaire/${scale.questionnaire.id}`;
  return qr;
}
