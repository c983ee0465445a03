/**
 * enableWhen evaluation (FHIR R4): every operator (exists, =, !=, >, <, >=, <=) and
 * enableBehavior any/all. An item is disabled when its parent group is. An answer to a disabled
 * item counts as no answer (R4: "proceed as though the item is not valued"), so the set of
 * enabled items is computed to a fixpoint.
 */
import { walk } from './check.js';
import type { Answer, Answers, Coding, EnableWhen, Questionnaire, QuestionnaireItem } from './types.js';

const NONE: readonly Answer[] = [];

/** The linkIds of the items enabled by these answers. */
export function enabledItems(q: Questionnaire, answers: Answers): Set<string> {
  const all = [...walk(q.item)];
  let enabled = new Set(all.map((e) => e.item.linkId));
  // each round can only change items that depend on items changed in the round before
  for (let round = 0; round <= all.length; round++) {
    const valued = (linkId: string) => (enabled.has(linkId) ? answers[linkId] ?? NONE : NONE);
    const next = new Set<string>();
    for (const { item, parents } of all) {
      if (parents.every((p) => next.has(p.linkId)) && isEnabled(item, valued)) next.add(item.linkId);
    }
    if (next.size === enabled.size && [...next].every((id) => enabled.has(id))) return next;
    enabled = next;
  }
  return enabled;
}

/** Whether an item's own enableWhen conditions hold (not looking at its parents). */
export function isEnabled(item: QuestionnaireItem, answersOf: (linkId: string) => readonly Answer[]): boolean {
  const conditions = item.enableWhen;
  if (!conditions?.length) return true;
  const results = conditions.map((w) => conditionHolds(w, answersOf(w.question)));
  return item.enableBehavior === 'any' ? results.some(Boolean) : results.every(Boolean);
}

/** One enableWhen condition against the answers given to its question. */
export function conditionHolds(w: EnableWhen, answers: readonly Answer[]): boolean {
  switch (w.operator) {
    case 'exists':
      return answers.length > 0 === w.answerBoolean;
    case '=':
      return answers.some((a) => compare(a, w) === 0);
    case '!=':
      // R4: "True if no answer has a value that is equal to the enableWhen answer" (so also with no answer)
      return !answers.some((a) => compare(a, w) === 0);
    case '>':
      return answers.some((a) => (compare(a, w) ?? 0) > 0);
    case '<':
      return answers.some((a) => (compare(a, w) ?? 0) < 0);
    case '>=':
      return answers.some((a) => { const c = compare(a, w); return c !== undefined && c >= 0; });
    case '<=':
      return answers.some((a) => { const c = compare(a, w); return c !== undefined && c <= 0; });
    default:
      return false;
  }
}

/** Sign of (answer − enableWhen answer); undefined when they cannot be compared. */
function compare(a: Answer, w: EnableWhen): number | undefined {
  if (w.answerBoolean !== undefined) return 'valueBoolean' in a ? (a.valueBoolean === w.answerBoolean ? 0 : 1) : undefined;
  if (w.answerCoding !== undefined) return 'valueCoding' in a ? (sameCoding(a.valueCoding, w.answerCoding) ? 0 : 1) : undefined;
  const n = w.answerInteger ?? w.answerDecimal;
  if (n !== undefined) {
    const v = 'valueInteger' in a ? a.valueInteger : 'valueDecimal' in a ? a.valueDecimal : undefined;
    return v === undefined ? undefined : Math.sign(v - n);
  }
  if (w.answerDate !== undefined) {
    // ISO dates of the same precision order as strings; different precisions do not compare
    if (!('valueDate' in a) || a.valueDate.length !== w.answerDate.length) return undefined;
    return order(a.valueDate, w.answerDate);
  }
  if (w.answerString !== undefined) return 'valueString' in a ? order(a.valueString, w.answerString) : undefined;
  return undefined;
}

const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Codings match on code, and on system when both give one. */
export function sameCoding(a: Coding, b: Coding): boolean {
  return a.code === b.code && (!a.system || !b.system || a.system === b.system);
}
