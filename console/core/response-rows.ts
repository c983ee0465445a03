/**
 * A FHIR QuestionnaireResponse as rows of question → answer, for the nurse to read: the question
 * text from the questionnaire (or the response item), each answer as words (a coded answer by its
 * option's display, a scale value by its option's label, yes/no in the nurse's language), and a
 * mark on answers whose option carries the red-flag extension. Framework-free, and never trusts
 * the shape: anything unexpected is skipped.
 */
import { isObj } from './api.js';

export const RED_FLAG_URL = 'https://vardchat.se/fhir/StructureDefinition/red-flag';

export interface AnswerRow {
  linkId: string;
  question: string;
  answers: string[];
  /** True when an answer picked an option marked as a red flag. */
  redFlag: boolean;
  /** Nesting depth (groups). */
  depth: number;
}

type Obj = Record<string, unknown>;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function index(items: Obj[], into = new Map<string, Obj>()): Map<string, Obj> {
  for (const i of items) {
    const id = str(i.linkId);
    if (id) into.set(id, i);
    index(list(i.item), into);
  }
  return into;
}

const VALUE_KEYS = ['valueCoding', 'valueString', 'valueInteger', 'valueDecimal', 'valueBoolean', 'valueDate', 'valueDateTime', 'valueTime'] as const;

function sameValue(option: Obj, answer: Obj): boolean {
  const oc = option.valueCoding, ac = answer.valueCoding;
  if (isObj(oc) && isObj(ac)) return oc.code === ac.code && (oc.system === undefined || ac.system === undefined || oc.system === ac.system);
  return VALUE_KEYS.some((k) => k !== 'valueCoding' && option[k] !== undefined && option[k] === answer[k]);
}

function optionLabel(option: Obj): string | undefined {
  const c = option.valueCoding;
  const label = list(option.extension).find((e) => String(e.url).endsWith('questionnaire-optionLabel') || String(e.url).endsWith('/option-label'));
  return str(label?.valueString) ?? (isObj(c) ? str(c.display) : undefined);
}

function valueText(answer: Obj, yesNo: (v: boolean) => string): string {
  if (typeof answer.valueBoolean === 'boolean') return yesNo(answer.valueBoolean);
  const c = answer.valueCoding;
  if (isObj(c)) return str(c.display) ?? str(c.code) ?? '';
  for (const k of VALUE_KEYS) {
    const v = answer[k];
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return '';
}

export function responseRows(questionnaire: unknown, response: unknown, yesNo: (v: boolean) => string): AnswerRow[] {
  const q = isObj(questionnaire) ? index(list(questionnaire.item)) : new Map<string, Obj>();
  const rows: AnswerRow[] = [];
  const walk = (items: Obj[], depth: number) => {
    for (const item of items) {
      const linkId = str(item.linkId) ?? '';
      const def = q.get(linkId);
      const question = str(def?.text) ?? str(item.text) ?? linkId;
      const answers = list(item.answer);
      if (answers.length) {
        const options = list(def?.answerOption);
        let redFlag = false;
        const texts = answers.map((a) => {
          const opt = options.find((o) => sameValue(o, a));
          if (opt && list(opt.extension).some((e) => e.url === RED_FLAG_URL)) redFlag = true;
          const label = opt ? optionLabel(opt) : undefined;
          const raw = valueText(a, yesNo);
          return label && label !== raw ? (typeof a.valueInteger === 'number' ? `${raw} – ${label}` : label) : raw;
        }).filter(Boolean);
        rows.push({ linkId, question, answers: texts, redFlag, depth });
        for (const a of answers) walk(list(a.item), depth + 1);
      } else if (list(item.item).length) {
        rows.push({ linkId, question, answers: [], redFlag: false, depth });
      }
      walk(list(item.item), depth + 1);
    }
  };
  if (isObj(response)) walk(list(response.item), 0);
  return rows;
}
