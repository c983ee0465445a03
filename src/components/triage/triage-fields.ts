/**
 * Renders the field of one question: radios (choice, boolean), checkboxes (repeating choice),
 * a free-text "other" box (open-choice), inputs for string, text, integer, decimal and date.
 * Questionnaire texts are bound as text, never as HTML. Ids are fixed: one question shows at a time.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { optionAnswer, optionMatches } from '../../core/triage/answers.js';
import type { Answer, AnswerOption, QuestionnaireItem } from '../../core/triage/types.js';
import type { MessageKey, Translate } from '../../i18n/index.js';

export interface FieldContext {
  t: Translate<MessageKey>;
  locale: string;
  item: QuestionnaireItem;
  answers: readonly Answer[];
  draft: string;
  /** Set while an error about this question is shown (the error element's id). */
  errorId: string | undefined;
  onAnswers(answers: Answer[]): void;
  onDraft(text: string): void;
}

export const FIELD_ID = 'triage-field';
export const QUESTION_ID = 'triage-question';
const HINT_ID = 'triage-hint';

/** The question as shown: prefix and text, or the linkId when it has no text. */
export const questionText = (item: QuestionnaireItem) => [item.prefix, item.text].filter(Boolean).join(' ') || item.linkId;
export const optionText = (o: AnswerOption) => o.valueCoding?.display ?? o.valueCoding?.code ?? o.valueString ?? String(o.valueInteger ?? '');

/** An answer as plain text for the summary. */
export function answerText(a: Answer, item: QuestionnaireItem, t: Translate<MessageKey>, locale: string): string {
  if ('valueBoolean' in a) return a.valueBoolean ? t('triageYes') : t('triageNo');
  if ('valueDecimal' in a) return new Intl.NumberFormat(locale, { maximumFractionDigits: 15 }).format(a.valueDecimal);
  const option = item.answerOption?.find((o) => optionMatches(o, a));
  if (option) return optionText(option);
  if ('valueCoding' in a) return a.valueCoding.display ?? a.valueCoding.code ?? '';
  if ('valueInteger' in a) return String(a.valueInteger);
  return 'valueDate' in a ? a.valueDate : a.valueString;
}

/** The text an input starts with for these answers (free text of an open-choice too). */
export function draftOf(item: QuestionnaireItem, answers: readonly Answer[]): string {
  const free = answers.find((a) => !item.answerOption?.some((o) => optionMatches(o, a)));
  if (!free) return '';
  if ('valueString' in free) return free.valueString;
  if ('valueInteger' in free) return String(free.valueInteger);
  if ('valueDecimal' in free) return String(free.valueDecimal);
  return 'valueDate' in free ? free.valueDate : '';
}

export function renderField(c: FieldContext): TemplateResult {
  const { item, t } = c;
  if (item.type === 'display') return html`<p class="info" id=${QUESTION_ID} tabindex="-1">${questionText(item)}</p>`;
  if (item.readOnly) {
    return html`<p class="question" id=${QUESTION_ID} tabindex="-1">${questionText(item)}</p>
      <p class="read-only">${c.answers.map((a) => answerText(a, item, t, c.locale)).join(', ') || t('triageNoAnswer')}</p>`;
  }
  if (item.type === 'boolean') {
    const options: AnswerOption[] = [{ valueString: 'true' }, { valueString: 'false' }];
    return choices(c, options, (o) => (o.valueString === 'true' ? t('triageYes') : t('triageNo')),
      (o) => c.answers.some((a) => 'valueBoolean' in a && String(a.valueBoolean) === o.valueString),
      (o) => c.onAnswers([{ valueBoolean: o.valueString === 'true' }]));
  }
  if (item.type === 'choice' || item.type === 'open-choice') {
    const picked = (o: AnswerOption) => c.answers.some((a) => optionMatches(o, a));
    const pick = (o: AnswerOption, on: boolean) => {
      const others = c.answers.filter((a) => !optionMatches(o, a));
      if (!item.repeats) {
        c.onAnswers([optionAnswer(o)]);
        if (c.draft) c.onDraft('');
      } else c.onAnswers(on ? [...others, optionAnswer(o)] : others);
    };
    return choices(c, item.answerOption ?? [], optionText, picked, pick);
  }
  return input(c);
}

function choices(c: FieldContext, options: readonly AnswerOption[], label: (o: AnswerOption) => string,
  picked: (o: AnswerOption) => boolean, pick: (o: AnswerOption, on: boolean) => void): TemplateResult {
  const multi = !!c.item.repeats;
  const other = c.item.type === 'open-choice';
  return html`
    <fieldset id=${FIELD_ID} role=${multi ? 'group' : 'radiogroup'} aria-invalid=${c.errorId ? 'true' : 'false'}
      aria-describedby=${c.errorId ?? nothing}>
      <legend class="question" id=${QUESTION_ID}>${questionText(c.item)}</legend>
      ${options.map((o, i) => html`
        <label class="option"><input type=${multi ? 'checkbox' : 'radio'} name="triage-choice" value=${i}
          .checked=${picked(o)} @change=${(e: Event) => pick(o, (e.target as HTMLInputElement).checked)}>
          <span>${label(o)}</span></label>`)}
      ${other ? html`<label class="other-label" for="triage-other">${c.t('triageOtherAnswer')}</label>
        <input id="triage-other" class="text" type="text" .value=${c.draft} @input=${(e: Event) => {
          c.onDraft((e.target as HTMLInputElement).value);
          if (!multi && c.answers.length) c.onAnswers([]);
        }}>` : nothing}
    </fieldset>`;
}

function input(c: FieldContext): TemplateResult {
  const { item, t } = c;
  const hint = item.type === 'date' ? t('triageDateHint') : item.maxLength ? t('triageMaxLengthHint', { max: item.maxLength }) : '';
  const describedBy = [hint ? HINT_ID : '', c.errorId ?? ''].filter(Boolean).join(' ') || nothing;
  const onInput = (e: Event) => c.onDraft((e.target as HTMLInputElement | HTMLTextAreaElement).value);
  const invalid = c.errorId ? 'true' : 'false';
  const required = item.required ? 'true' : 'false';
  const field = item.type === 'text'
    ? html`<textarea id=${FIELD_ID} rows="4" .value=${c.draft} aria-describedby=${describedBy} aria-invalid=${invalid}
        aria-required=${required} @input=${onInput}></textarea>`
    : html`<input id=${FIELD_ID} class="text" .value=${c.draft} aria-describedby=${describedBy} aria-invalid=${invalid}
        aria-required=${required} @input=${onInput} type=${item.type === 'date' ? 'date' : 'text'} autocomplete="off"
        inputmode=${item.type === 'integer' ? 'numeric' : item.type === 'decimal' ? 'decimal' : nothing}>`;
  return html`
    <label class="question" id=${QUESTION_ID} for=${FIELD_ID}>${questionText(item)}</label>
    ${field}
    ${hint ? html`<p id=${HINT_ID} class="hint">${hint}</p>` : nothing}`;
}
