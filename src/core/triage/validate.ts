/**
 * Validation of the patient's answers: required, maxLength, value types and answer options.
 * Only enabled items are validated; a read-only item is never the patient's fault.
 */
import { optionMatches } from './answers.js';
import { walk } from './check.js';
import { enabledItems } from './enable-when.js';
import type { Answer, AnswerIssue, Answers, Questionnaire, QuestionnaireItem } from './types.js';

/** Problems with the answers to one item (empty when they are fine). */
export function validateItem(item: QuestionnaireItem, answers: readonly Answer[] = []): AnswerIssue[] {
  if (item.type === 'group' || item.type === 'display' || item.readOnly) return [];
  const issues: AnswerIssue[] = [];
  const issue = (code: AnswerIssue['code'], extra: Partial<AnswerIssue> = {}) => issues.push({ linkId: item.linkId, code, ...extra });
  if (item.required && answers.length === 0) issue('required');
  if (!item.repeats && answers.length > 1) issue('option');
  for (const a of answers) {
    if ('valueString' in a && item.maxLength !== undefined && [...a.valueString].length > item.maxLength) {
      issue('max-length', { max: item.maxLength });
    }
    if (!fitsType(item, a)) issue(typeCode(item));
  }
  return issues;
}

/** Problems with all enabled items. */
export function validateAnswers(q: Questionnaire, answers: Answers, enabled = enabledItems(q, answers)): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  for (const { item } of walk(q.item)) {
    if (enabled.has(item.linkId)) issues.push(...validateItem(item, answers[item.linkId]));
  }
  return issues;
}

function fitsType(item: QuestionnaireItem, a: Answer): boolean {
  switch (item.type) {
    case 'boolean': return 'valueBoolean' in a && typeof a.valueBoolean === 'boolean';
    case 'integer': return 'valueInteger' in a && Number.isInteger(a.valueInteger);
    case 'decimal': return 'valueDecimal' in a && Number.isFinite(a.valueDecimal);
    case 'date': return 'valueDate' in a && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(a.valueDate);
    case 'string':
    case 'text': return 'valueString' in a;
    case 'choice': return (item.answerOption ?? []).some((o) => optionMatches(o, a));
    case 'open-choice': return 'valueString' in a || (item.answerOption ?? []).some((o) => optionMatches(o, a));
    default: return false;
  }
}

function typeCode(item: QuestionnaireItem): AnswerIssue['code'] {
  switch (item.type) {
    case 'integer': return 'integer';
    case 'decimal': return 'decimal';
    case 'date': return 'date';
    case 'boolean': return 'boolean';
    default: return 'option';
  }
}
