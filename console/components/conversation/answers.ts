/**
 * The triage answers and the patient's answers to the nurse's offers, as question → answer lines
 * the server prepared from the questionnaire the patient answered (a choice by its display, a
 * scale value with its label, yes/no in words). A red-flag answer is marked in words and colour.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { OpenConversation } from '../../core/console-store.js';
import type { ActionView, AnswerLine } from '../../core/wire.js';
import type { ConsoleLocale, T } from '../../i18n/index.js';
import { dateTimeText, timeText } from '../shared/format.js';

export function renderTriage(o: OpenConversation, t: T, locale: ConsoleLocale): TemplateResult {
  const tri = o.triage;
  return html`<section class="triage" aria-labelledby="triage-title">
    <h3 id="triage-title">${t('triageTitle')}</h3>
    ${tri ? html`${tri.title || tri.authored ? html`<p class="muted">${[tri.title, tri.authored ? dateTimeText(tri.authored, locale) : ''].filter(Boolean).join(' · ')}</p>` : nothing}
      ${tri.redFlags.length ? html`<p class="flag">${t('redFlag')}: ${tri.redFlags.map((f) => f.reason || f.linkId).join('; ')}</p>` : nothing}
      ${renderLines(tri.lines, t)}`
    : html`<p class="muted">${t('triageNone')}</p>`}
  </section>`;
}

export function renderAnswers(o: OpenConversation, t: T, locale: ConsoleLocale): TemplateResult {
  const answered = o.actions.filter((a) => a.answeredAt);
  const pending = o.actions.filter((a) => !a.answeredAt);
  if (!answered.length && !o.evaluation && !pending.length) return html`<p class="muted">${t('answersNone')}</p>`;
  return html`<ul>
    ${answered.map((a) => html`<li class="answer" data-kind=${a.kind} data-action=${a.actionId}>
      <strong>${t(`answerTitle_${a.kind}`)}</strong>${renderLines(a.lines, t)}
      <span class="hint">${t('answerAt', { time: timeText(a.answeredAt!, locale) })}</span></li>`)}
    ${o.evaluation ? html`<li class="answer" data-kind="evaluation"><strong>${t('answerEvaluation')}</strong>${renderLines(o.evaluation.lines, t)}
      <span class="hint">${t('answerAt', { time: timeText(o.evaluation.createdAt, locale) })}</span></li>` : nothing}
    ${pending.map((a: ActionView) => html`<li class="pending" data-kind=${a.kind} data-action=${a.actionId}>
      ${t(`answerTitle_${a.kind}`)}: ${t('answerPending')}</li>`)}
  </ul>`;
}

/** Question → answer lines as a description list; nested lines are indented. */
export function renderLines(lines: readonly AnswerLine[], t: T): TemplateResult {
  if (!lines.length) return html`<p class="muted">${t('noAnswer')}</p>`;
  return html`<dl>${lines.map((l) => html`<dt class="depth-${Math.min(l.depth, 3)}">${l.question}</dt>
    <dd class=${l.redFlag !== undefined ? 'flag' : ''}>${l.answers.length ? l.answers.join(', ') : t('noAnswer')}${
      l.redFlag !== undefined ? html` <strong>(${t('redFlag')}${l.redFlag ? `: ${l.redFlag}` : ''})</strong>` : nothing}</dd>`)}</dl>`;
}
