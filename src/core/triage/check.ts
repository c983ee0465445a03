/**
 * Checks that a questionnaire (untrusted JSON) is valid FHIR R4 within our supported subset.
 * Anything that would make the form mean something else than its author intended (an
 * unsupported type, answerValueSet, an expression extension, a modifierExtension, …) is an
 * issue naming the linkId and the feature, so nothing is silently rendered wrong.
 */
import {
  OPERATORS, RED_FLAG_URL, SUPPORTED_TYPES, type Questionnaire, type QuestionnaireIssue, type QuestionnaireItem,
} from './types.js';

export type CheckResult =
  | { ok: true; questionnaire: Questionnaire }
  | { ok: false; issues: QuestionnaireIssue[] };

const OTHER_R4_TYPES = new Set(['question', 'dateTime', 'time', 'url', 'attachment', 'reference', 'quantity']);
const ITEM_KEYS = new Set([
  'linkId', 'type', 'text', 'prefix', 'required', 'repeats', 'readOnly', 'maxLength', 'enableWhen',
  'enableBehavior', 'answerOption', 'initial', 'item', 'extension', 'id', 'definition', 'code',
]);
const OPTION_VALUES = ['valueCoding', 'valueString', 'valueInteger'] as const;
const WHEN_ANSWERS = ['answerBoolean', 'answerDecimal', 'answerInteger', 'answerDate', 'answerString', 'answerCoding'] as const;
const INITIAL_VALUES = ['valueBoolean', 'valueDecimal', 'valueInteger', 'valueDate', 'valueString', 'valueCoding'] as const;
/** Extensions that change behaviour (validation, calculation, visibility): never ignore them. */
const BEHAVIOUR_EXTENSION = /(Expression|minValue|maxValue|minLength|regex|questionnaire-hidden|minOccurs|maxOccurs|maxDecimalPlaces|questionnaire-constraint|variable|maxSize|mimeType|unitOption|unitValueSet)$/;
const ANSWER_FOR_TYPE: Record<string, readonly string[]> = {
  boolean: ['answerBoolean'],
  integer: ['answerInteger', 'answerDecimal'],
  decimal: ['answerDecimal', 'answerInteger'],
  date: ['answerDate'],
  string: ['answerString'],
  text: ['answerString'],
  choice: ['answerCoding', 'answerString', 'answerInteger'],
  'open-choice': ['answerCoding', 'answerString', 'answerInteger'],
};
const INITIAL_FOR_TYPE: Record<string, string> = {
  boolean: 'valueBoolean', integer: 'valueInteger', decimal: 'valueDecimal', date: 'valueDate', string: 'valueString', text: 'valueString',
};
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const present = (o: Record<string, unknown>, keys: readonly string[]) => keys.filter((k) => o[k] !== undefined);

export function checkQuestionnaire(json: unknown): CheckResult {
  const issues: QuestionnaireIssue[] = [];
  // texts come from untrusted JSON: keep them short (they are rendered as text only)
  const add = (code: QuestionnaireIssue['code'], feature: string, linkId?: string) =>
    issues.push(linkId === undefined ? { code, feature: feature.slice(0, 160) } : { code, linkId: linkId.slice(0, 80), feature: feature.slice(0, 160) });
  if (!isObj(json) || json.resourceType !== 'Questionnaire') {
    add('invalid', 'resourceType (expected "Questionnaire")');
    return { ok: false, issues };
  }
  if (json.modifierExtension !== undefined) add('unsupported', 'modifierExtension');
  checkExtensions(json.extension, add);
  if (!Array.isArray(json.item) || json.item.length === 0) add('invalid', 'item (no questions)');
  const items = new Map<string, Record<string, unknown>>();
  collect(json.item, items, add);
  for (const [linkId, item] of items) checkItem(linkId, item, items, add);
  return issues.length ? { ok: false, issues } : { ok: true, questionnaire: json as Questionnaire };
}

type Add = (code: QuestionnaireIssue['code'], feature: string, linkId?: string) => void;

function collect(list: unknown, into: Map<string, Record<string, unknown>>, add: Add): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) return add('invalid', 'item (not a list)');
  for (const item of list) {
    if (!isObj(item) || typeof item.linkId !== 'string' || !item.linkId) {
      add('invalid', 'item without linkId');
      continue;
    }
    if (into.has(item.linkId)) add('invalid', 'duplicate linkId', item.linkId);
    into.set(item.linkId, item);
    collect(item.item, into, add);
  }
}

function checkExtensions(list: unknown, add: Add, linkId?: string): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) return add('invalid', 'extension (not a list)', linkId);
  for (const ext of list) {
    if (!isObj(ext) || typeof ext.url !== 'string') add('invalid', 'extension without url', linkId);
    else if (BEHAVIOUR_EXTENSION.test(ext.url)) add('unsupported', `extension ${ext.url}`, linkId);
  }
}

function checkItem(linkId: string, item: Record<string, unknown>, all: Map<string, Record<string, unknown>>, add: Add): void {
  const type = item.type;
  for (const key of Object.keys(item)) {
    if (!ITEM_KEYS.has(key) && !key.startsWith('_')) add('unsupported', key, linkId);
  }
  checkExtensions(item.extension, add, linkId);
  if (typeof type !== 'string' || !(SUPPORTED_TYPES as readonly string[]).includes(type)) {
    add(typeof type === 'string' && OTHER_R4_TYPES.has(type) ? 'unsupported' : 'invalid', `type "${String(type).slice(0, 40)}"`, linkId);
    return;
  }
  const children = Array.isArray(item.item) ? item.item : [];
  if (type === 'group') {
    if (!children.length) add('invalid', 'group without items', linkId);
    if (item.repeats) add('unsupported', 'repeats on a group', linkId);
    if (item.required) add('unsupported', 'required on a group', linkId);
  } else if (children.length) {
    add(type === 'display' ? 'invalid' : 'unsupported', `items inside a ${type} item`, linkId);
  }
  if (type === 'group' || type === 'display') {
    const keys = type === 'group' ? ['initial', 'maxLength'] : ['required', 'repeats', 'initial', 'answerOption', 'maxLength'];
    for (const k of keys) if (item[k] !== undefined) add('invalid', `${k} on a ${type} item`, linkId);
  }
  if (item.repeats && !['choice', 'open-choice', 'group', 'display'].includes(type)) add('unsupported', `repeats on type "${type}"`, linkId);
  if (item.maxLength !== undefined && (!Number.isInteger(item.maxLength) || (item.maxLength as number) < 1)) add('invalid', 'maxLength', linkId);
  checkOptions(linkId, type, item, add);
  checkInitial(linkId, type, item, add);
  checkEnableWhen(linkId, item, all, add);
  if (type === 'display' && hasRedFlag(item.extension) && !Array.isArray(item.enableWhen)) {
    add('invalid', 'red-flag display item without enableWhen', linkId);
  }
}

function checkOptions(linkId: string, type: string, item: Record<string, unknown>, add: Add): void {
  if (item.answerValueSet !== undefined) return; // reported as an unsupported key
  const options = item.answerOption;
  if (type !== 'choice' && type !== 'open-choice') {
    if (options !== undefined && type !== 'display') add('invalid', `answerOption on type "${type}"`, linkId);
    return;
  }
  if (!Array.isArray(options) || options.length === 0) return add('invalid', `${type} without answerOption`, linkId);
  for (const o of options) {
    if (!isObj(o)) return add('invalid', 'answerOption', linkId);
    const values = present(o, ['valueCoding', 'valueString', 'valueInteger', 'valueDate', 'valueTime', 'valueReference']);
    if (values.length !== 1) add('invalid', 'answerOption without exactly one value', linkId);
    else if (!(OPTION_VALUES as readonly string[]).includes(values[0]!)) add('unsupported', `answerOption.${values[0]}`, linkId);
    else if (values[0] === 'valueCoding' && (!isObj(o.valueCoding) || typeof o.valueCoding.code !== 'string')) {
      add('unsupported', 'answerOption.valueCoding without code', linkId);
    }
    checkExtensions(o.extension, add, linkId);
  }
}

function checkInitial(linkId: string, type: string, item: Record<string, unknown>, add: Add): void {
  if (item.initial === undefined || type === 'group' || type === 'display') return;
  if (!Array.isArray(item.initial)) return add('invalid', 'initial', linkId);
  if (item.initial.length > 1 && !item.repeats) add('invalid', 'several initial values on a non-repeating item', linkId);
  const expected = INITIAL_FOR_TYPE[type];
  for (const v of item.initial) {
    const keys = isObj(v) ? present(v, INITIAL_VALUES) : [];
    if (keys.length !== 1 || (expected && keys[0] !== expected)) add('invalid', `initial value for type "${type}"`, linkId);
  }
}

function checkEnableWhen(linkId: string, item: Record<string, unknown>, all: Map<string, Record<string, unknown>>, add: Add): void {
  const list = item.enableWhen;
  if (list === undefined) return;
  if (!Array.isArray(list) || list.length === 0) return add('invalid', 'enableWhen', linkId);
  if (list.length > 1 && item.enableBehavior !== 'all' && item.enableBehavior !== 'any') add('invalid', 'enableBehavior (required with several enableWhen)', linkId);
  for (const w of list) {
    if (!isObj(w)) return add('invalid', 'enableWhen', linkId);
    const target = typeof w.question === 'string' ? all.get(w.question) : undefined;
    if (!target) {
      add('invalid', `enableWhen.question "${String(w.question).slice(0, 60)}" (no such item)`, linkId);
      continue;
    }
    if (!(OPERATORS as readonly string[]).includes(w.operator as string)) add('invalid', `enableWhen.operator "${String(w.operator).slice(0, 10)}"`, linkId);
    const answers = present(w, ['answerBoolean', 'answerDecimal', 'answerInteger', 'answerDate', 'answerDateTime', 'answerTime', 'answerString', 'answerCoding', 'answerQuantity', 'answerReference']);
    if (answers.length !== 1) {
      add('invalid', 'enableWhen without exactly one answer', linkId);
      continue;
    }
    const answer = answers[0]!;
    if (!(WHEN_ANSWERS as readonly string[]).includes(answer)) {
      add('unsupported', `enableWhen.${answer}`, linkId);
    } else if (w.operator === 'exists') {
      if (answer !== 'answerBoolean') add('invalid', 'enableWhen exists without answerBoolean', linkId);
    } else if (!ANSWER_FOR_TYPE[String(target.type)]?.includes(answer)) {
      add('invalid', `enableWhen.${answer} for the ${String(target.type)} item "${w.question as string}"`, linkId);
    } else if (w.operator !== '=' && w.operator !== '!=' && (answer === 'answerBoolean' || answer === 'answerCoding')) {
      add('invalid', `enableWhen operator ${String(w.operator)} with ${answer}`, linkId);
    } else if (answer === 'answerDate' && !DATE.test(String(w.answerDate))) {
      add('invalid', 'enableWhen.answerDate', linkId);
    }
  }
}

export function hasRedFlag(ext: unknown): boolean {
  return Array.isArray(ext) && ext.some((e) => isObj(e) && e.url === RED_FLAG_URL);
}

/** The items of a checked questionnaire, depth first, with their parents. */
export function* walk(items: readonly QuestionnaireItem[] | undefined, parents: readonly QuestionnaireItem[] = []): Generator<{ item: QuestionnaireItem; parents: readonly QuestionnaireItem[] }> {
  for (const item of items ?? []) {
    yield { item, parents };
    yield* walk(item.item, [...parents, item]);
  }
}
