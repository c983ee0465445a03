/**
 * The patient's answers to the nurse's actions, as they arrive: a chosen or declined booking,
 * a call-back window with the phone number, questionnaire answers as question → answer, and the
 * evaluation with its scale's labels. Each answer is matched to the action message it answers.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { isObj } from '../../core/api.js';
import type { OpenConversation, PatientAnswer } from '../../core/console-store.js';
import { responseRows, type AnswerRow } from '../../core/response-rows.js';
import type { Message } from '../../core/wire.js';
import type { ConsoleLocale, T } from '../../i18n/index.js';
import { dateTimeText, timeText } from '../shared/format.js';
import { windowText } from './message.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const arr = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isObj) : []);

export function renderAnswers(o: OpenConversation, t: T, locale: ConsoleLocale): TemplateResult {
  if (!o.answers.length) return html`<p class="muted">${t('answersNone')}</p>`;
  return html`<ul>${o.answers.map((a) => html`<li class="answer" data-kind=${answerKind(a, o.messages)}>${renderAnswer(a, o.messages, t, locale)}
    <span class="hint">${t('answerAt', { time: timeText(a.at, locale) })}</span></li>`)}</ul>`;
}

function actionMessage(a: PatientAnswer, messages: readonly Message[]): Message | undefined {
  if (a.kind === 'evaluation') return [...messages].reverse().find((m) => m.kind === 'evaluation');
  return messages.find((m) => isObj(m.payload) && m.payload.actionId === a.actionId);
}

function answerKind(a: PatientAnswer, messages: readonly Message[]): string {
  return a.kind === 'evaluation' ? 'evaluation' : actionMessage(a, messages)?.kind ?? 'unknown';
}

export function renderAnswer(a: PatientAnswer, messages: readonly Message[], t: T, locale: ConsoleLocale): TemplateResult | typeof nothing {
  const m = actionMessage(a, messages);
  const p = isObj(m?.payload) ? m!.payload as Record<string, unknown> : {};
  const r = isObj(a.response) ? a.response : {};
  const yesNo = (v: boolean) => (v ? t('answerYes') : t('answerNo'));
  switch (answerKind(a, messages)) {
    case 'booking': {
      if (r.declined === true || (r.slotId === undefined && r.otherTimes !== undefined)) return html`<strong>${t('answerBookingDeclined')}</strong>`;
      const slot = arr(p.slots).find((s) => s.id === r.slotId);
      return html`<strong>${t('answerBookingChosen', {
        time: slot ? dateTimeText(str(slot.start), locale) : str(r.slotId),
        type: slot?.type === 'video' ? t('slotType_video') : t('slotType_visit'),
      })}</strong>`;
    }
    case 'callback': {
      const w = arr(p.windows).find((x) => x.id === r.windowId);
      return html`<strong>${t('answerCallback', { window: w ? windowText(w, locale) : str(r.windowId), phone: str(r.phone) })}</strong>`;
    }
    case 'questionnaire':
      return html`<strong>${t('answerQuestionnaire')}</strong>${renderRows(responseRows(p.questionnaire, a.response, yesNo), t)}`;
    case 'evaluation':
      return html`<strong>${t('answerEvaluation')}</strong>${renderRows(responseRows(p.questionnaire, a.response, yesNo), t)}`;
    default:
      return html`<span>${t('answerUnknown')}</span>`;
  }
}

/** Question → answer rows as a description list; red-flag answers marked in words, not colour alone. */
export function renderRows(rows: readonly AnswerRow[], t: T): TemplateResult {
  return html`<dl>${rows.map((r) => html`<dt>${r.question}</dt>
    <dd class=${r.redFlag ? 'flag' : ''}>${r.answers.length ? r.answers.join(', ') : t('noAnswer')}${r.redFlag ? html` <strong>(${t('redFlag')})</strong>` : nothing}</dd>`)}</dl>`;
}
