/**
 * Answers: the initial values of a questionnaire, turning what the patient typed into a FHIR
 * answer value, and matching answers against answer options.
 */
import { walk } from './check.js';
import { sameCoding } from './enable-when.js';
import type { Answer, AnswerIssue, AnswerOption, Answers, Questionnaire, QuestionnaireItem } from './types.js';

/** The answers a questionnaire starts with: `initial` and `answerOption.initialSelected`. */
export function initialAnswers(q: Questionnaire): Answers {
  const out: Record<string, Answer[]> = {};
  for (const { item } of walk(q.item)) {
    const selected = (item.answerOption ?? []).filter((o) => o.initialSelected).map(optionAnswer);
    const values = [...(item.initial ?? []).map((a) => ({ ...a }) as Answer), ...selected];
    if (values.length) out[item.linkId] = item.repeats ? values : values.slice(0, 1);
  }
  return out;
}

/** The answer value an option stands for. */
export function optionAnswer(o: AnswerOption): Answer {
  if (o.valueCoding) return { valueCoding: { ...o.valueCoding } };
  if (o.valueInteger !== undefined) return { valueInteger: o.valueInteger };
  return { valueString: o.valueString ?? '' };
}

export function optionMatches(o: AnswerOption, a: Answer): boolean {
  if (o.valueCoding) return 'valueCoding' in a && sameCoding(a.valueCoding, o.valueCoding);
  if (o.valueInteger !== undefined) return 'valueInteger' in a && a.valueInteger === o.valueInteger;
  return 'valueString' in a && a.valueString === o.valueString;
}

const INTEGER = /^[-+]?\d{1,15}$/;
const DECIMAL = /^[-+]?\d{1,15}([.,]\d{1,15})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Turns typed text into an answer for a string, text, integer, decimal or date item (an
 * open-choice's free text too). Empty text is no answer. A decimal comma is accepted.
 */
export function answerFromText(item: QuestionnaireItem, raw: string): { answer?: Answer; issue?: AnswerIssue } {
  const text = item.type === 'text' ? raw.trim() : raw.trim().replace(/\s+/g, ' ');
  if (!text) return {};
  const issue = (code: AnswerIssue['code']) => ({ issue: { linkId: item.linkId, code } });
  switch (item.type) {
    case 'integer':
      return INTEGER.test(text) ? { answer: { valueInteger: Number(text) } } : issue('integer');
    case 'decimal':
      return DECIMAL.test(text) ? { answer: { valueDecimal: Number(text.replace(',', '.')) } } : issue('decimal');
    case 'date': {
      const m = DATE.exec(text);
      const d = m && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return d && d.toISOString().slice(0, 10) === text ? { answer: { valueDate: text } } : issue('date');
    }
    default:
      return { answer: { valueString: text } };
  }
}
