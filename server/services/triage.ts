/**
 * Questionnaires the server serves, and answers checked against them with the widget's own
 * framework-free triage engine (src/core/triage/): linkIds exist, only enabled items answered,
 * answer types fit the item types, required items answered, red flags found. Also the answers
 * as question → answer lines for the console and the record note.
 */
import svJson from '../../src/adapters/memory/questionnaires/contact-reason.sv.json' with { type: 'json' };
import enJson from '../../src/adapters/memory/questionnaires/contact-reason.en.json' with { type: 'json' };
import {
  checkQuestionnaire, contactReason, enabledItems, optionMatches, questionnaireReference, redFlags, validateAnswers,
  type Answer, type Questionnaire, type QuestionnaireItem, type RedFlag,
} from '../../src/core/triage/index.js';
import { walk } from '../../src/core/triage/check.js';
import type { QuestionnaireResponse, QuestionnaireResponseItem } from '../../src/protocol/index.js';
import type { AnswerLine } from '../../src/protocol/console.js';
import { invalid } from '../errors.js';

export type { Questionnaire, RedFlag };

/** A questionnaire checked by the engine (throws at start-up when ours is broken). */
export function loadQuestionnaire(json: unknown, what: string): Questionnaire {
  const r = checkQuestionnaire(json);
  if (!r.ok) throw new Error(`${what}: ${r.issues.map((i) => `${i.linkId ?? ''} ${i.feature}`).join('; ')}`);
  return r.questionnaire;
}

const triage = { sv: loadQuestionnaire(svJson, 'contact-reason.sv.json'), en: loadQuestionnaire(enJson, 'contact-reason.en.json') };

/** The triage questionnaire for a locale (`sv` unless English is asked for). */
export function triageFor(locale: string | undefined): Questionnaire {
  return locale?.toLowerCase().startsWith('en') ? triage.en : triage.sv;
}

/** The questionnaire a triage response answers: by its reference; Swedish when it names none. */
export function servedTriage(response: QuestionnaireResponse): Questionnaire {
  if (response.questionnaire === undefined) return triage.sv;
  const q = [triage.sv, triage.en].find((x) => questionnaireReference(x) === response.questionnaire || (x.url !== undefined && x.url === response.questionnaire));
  if (!q) throw invalid('triage: the response names a questionnaire this server did not serve');
  return q;
}

/** The Swedish text of a contact reason code (for staff), when the triage has it. */
export function reasonText(code: string): string | undefined {
  for (const { item } of walk(triage.sv.item)) {
    for (const o of item.answerOption ?? []) if (o.valueCoding?.code === code) return o.valueCoding.display;
  }
  return undefined;
}

export interface CheckedAnswers {
  /** Red flags raised (empty when none). */
  flags: RedFlag[];
  /** The coded contact reason, when the questionnaire has one. */
  reason: string | undefined;
}

/**
 * Checks a QuestionnaireResponse against the questionnaire it answers; throws 400
 * `invalid-request` naming the first problem's linkId (never the answer: it may be patient text).
 */
export function checkResponse(q: Questionnaire, response: QuestionnaireResponse, what: string): CheckedAnswers {
  const items = new Map<string, QuestionnaireItem>();
  for (const { item } of walk(q.item)) items.set(item.linkId, item);
  const answers: Record<string, Answer[]> = {};
  const collect = (list: readonly QuestionnaireResponseItem[] | undefined): void => {
    for (const it of list ?? []) {
      const item = items.get(it.linkId);
      if (!item) throw invalid(`${what}: linkId ${it.linkId} is not in the questionnaire`);
      if (answers[it.linkId]) throw invalid(`${what}: linkId ${it.linkId} is answered twice`);
      const given = it.answer ?? [];
      if (given.length && (item.type === 'group' || item.type === 'display')) throw invalid(`${what}: ${item.type} item ${it.linkId} has an answer`);
      if (given.length) answers[it.linkId] = given.map((a) => toAnswer(a, it.linkId, what));
      for (const a of given) collect(a.item);
      collect(it.item);
    }
  };
  collect(response.item);
  const enabled = enabledItems(q, answers);
  for (const linkId of Object.keys(answers)) {
    if (!enabled.has(linkId)) throw invalid(`${what}: linkId ${linkId} is answered but not enabled`);
  }
  const issues = validateAnswers(q, answers, enabled);
  if (issues[0]) throw invalid(`${what}: linkId ${issues[0].linkId}: ${issues[0].code}`);
  return { flags: redFlags(q, answers, enabled), reason: contactReason(q, answers, enabled)?.code };
}

function toAnswer(a: NonNullable<QuestionnaireResponseItem['answer']>[number], linkId: string, what: string): Answer {
  if ('valueBoolean' in a) return { valueBoolean: a.valueBoolean };
  if ('valueDecimal' in a) return { valueDecimal: a.valueDecimal };
  if ('valueInteger' in a) return { valueInteger: a.valueInteger };
  if ('valueDate' in a) return { valueDate: a.valueDate };
  if ('valueString' in a) return { valueString: a.valueString };
  if ('valueCoding' in a) return { valueCoding: { ...a.valueCoding } };
  throw invalid(`${what}: linkId ${linkId}: an answer type the questionnaire does not use`);
}

// ---- question → answer ---------------------------------------------------------------------

const decimal = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 6 });
const dateTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

/** One answer as text, in Swedish (the clinic's language), with the questionnaire's own labels. */
export function answerText(item: QuestionnaireItem | undefined, a: NonNullable<QuestionnaireResponseItem['answer']>[number]): string {
  if ('valueBoolean' in a) return a.valueBoolean ? 'Ja' : 'Nej';
  if ('valueDecimal' in a) return decimal.format(a.valueDecimal);
  if ('valueDateTime' in a) return dateTime.format(new Date(a.valueDateTime));
  const option = item?.answerOption?.find((o) => {
    try {
      return !('valueDateTime' in a) && optionMatches(o, a as Answer);
    } catch {
      return false;
    }
  });
  if ('valueCoding' in a) return option?.valueCoding?.display ?? a.valueCoding.display ?? a.valueCoding.code ?? '';
  if ('valueInteger' in a) return option?.valueCoding?.display ?? String(a.valueInteger);
  if ('valueDate' in a) return a.valueDate;
  return a.valueString;
}

/** The answers as lines: question text from the questionnaire, answers as text, red flags marked. */
export function answerLines(q: Questionnaire | undefined, response: QuestionnaireResponse, flags: readonly RedFlag[] = []): AnswerLine[] {
  const items = new Map<string, QuestionnaireItem>();
  for (const { item } of walk(q?.item)) items.set(item.linkId, item);
  const lines: AnswerLine[] = [];
  const flagOf = (linkId: string) => flags.find((f) => f.linkId === linkId)?.reason;
  const visit = (list: readonly QuestionnaireResponseItem[] | undefined, depth: number): void => {
    for (const it of list ?? []) {
      const item = items.get(it.linkId);
      const line: AnswerLine = { linkId: it.linkId, question: item?.text ?? it.text ?? it.linkId, answers: (it.answer ?? []).map((a) => answerText(item, a)), depth };
      const flag = flagOf(it.linkId);
      if (flag !== undefined) line.redFlag = flag;
      lines.push(line);
      for (const a of it.answer ?? []) visit(a.item, depth + 1);
      visit(it.item, depth + 1);
    }
  };
  visit(response.item, 0);
  // a red flag on a display item (shown because of the answers) has no answer line of its own
  for (const f of flags) {
    if (!lines.some((l) => l.linkId === f.linkId)) lines.push({ linkId: f.linkId, question: items.get(f.linkId)?.text ?? f.linkId, answers: [], redFlag: f.reason, depth: 0 });
  }
  return lines;
}
