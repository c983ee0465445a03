/**
 * The one-question-at-a-time sequence: the enabled questions and display texts in order, each
 * with the texts of the groups around it. Red-flag display items are not steps: they stop the flow.
 */
import { walk } from './check.js';
import { enabledItems } from './enable-when.js';
import { optionAnswer } from './answers.js';
import { isRedFlagItem } from './red-flags.js';
import type { Answers, Questionnaire, QuestionnaireItem } from './types.js';

export interface Step {
  item: QuestionnaireItem;
  /** Texts of the enclosing groups, outermost first (plain text). */
  groups: string[];
}

export function steps(q: Questionnaire, answers: Answers, enabled = enabledItems(q, answers)): Step[] {
  const out: Step[] = [];
  for (const { item, parents } of walk(q.item)) {
    if (item.type === 'group' || !enabled.has(item.linkId)) continue;
    if (item.type === 'display' && isRedFlagItem(item.extension)) continue;
    out.push({ item, groups: parents.map((p) => p.text ?? '').filter(Boolean) });
  }
  return out;
}

/**
 * About how many steps there will be, for "question 2 of about 5": while the current question
 * is unanswered, the longest of the paths its options lead to; otherwise the steps as they are.
 */
export function estimateTotal(q: Questionnaire, answers: Answers, current: string): number {
  const now = steps(q, answers).length;
  const item = [...walk(q.item)].find((e) => e.item.linkId === current)?.item;
  if (!item || answers[current]?.length) return now;
  const choices = item.type === 'boolean'
    ? [{ valueBoolean: true }, { valueBoolean: false }]
    : (item.answerOption ?? []).map(optionAnswer);
  return Math.max(now, ...choices.map((a) => steps(q, { ...answers, [current]: [a] }).length));
}
