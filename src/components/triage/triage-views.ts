/** The non-question states of `<vard-triage>`: the summary, the emergency guidance, an unusable questionnaire. */
import { html, nothing, type TemplateResult } from 'lit';
import type { RedFlag } from '../../core/triage/red-flags.js';
import type { Step } from '../../core/triage/steps.js';
import type { Answers, QuestionnaireIssue } from '../../core/triage/types.js';
import type { MessageKey, Translate } from '../../i18n/index.js';
import { answerText, questionText } from './triage-fields.js';

type T = Translate<MessageKey>;
export const HEADING_ID = 'triage-heading';

export function renderSummary(t: T, locale: string, steps: readonly Step[], answers: Answers, actions: {
  change(linkId: string): void; back(): void; complete(): void; submitLabel: string; busy: boolean;
  /** The pre-chat form says the clinic sees the answers when the chat starts; inline forms do not. */
  preChat: boolean;
}): TemplateResult {
  const questions = steps.filter((s) => s.item.type !== 'display');
  return html`
    <h3 id=${HEADING_ID} tabindex="-1">${t('triageSummaryTitle')}</h3>
    ${actions.preChat ? html`<p class="hint">${t('triageSummaryHint')}</p>` : nothing}
    <dl class="summary">
      ${questions.map(({ item }) => {
        const given = answers[item.linkId] ?? [];
        return html`<div class="row">
          <dt>${questionText(item)}</dt>
          <dd>${given.length ? given.map((a) => answerText(a, item, t, locale)).join(', ') : t('triageNoAnswer')}</dd>
          <dd>${item.readOnly ? nothing : html`<button class="link" type="button" @click=${() => actions.change(item.linkId)}>
            ${t('triageChange')}<span class="visually-hidden">: ${questionText(item)}</span></button>`}</dd>
        </div>`;
      })}
    </dl>
    <div class="actions">
      <button class="secondary" type="button" @click=${actions.back}>${t('triageBack')}</button>
      <button class="primary" type="button" ?disabled=${actions.busy} aria-disabled=${actions.busy ? 'true' : 'false'}
        @click=${actions.complete}>${actions.submitLabel}</button>
    </div>`;
}

export function renderEmergency(t: T, flags: readonly RedFlag[], back: () => void): TemplateResult {
  const reasons = [...new Set(flags.map((f) => f.reason).filter(Boolean))];
  return html`
    <div class="emergency" part="emergency">
      <h3 id=${HEADING_ID} tabindex="-1">${t('triageEmergencyTitle')}</h3>
      <p class="call" role="alert">${t('triageEmergency')}</p>
      ${reasons.map((r) => html`<p class="reason">${r}</p>`)}
      <p>${t('triageEmergencyNoChat')}</p>
      <p class="phones"><a href="tel:112">${t('triageCall112')}</a> <a href="tel:1177">${t('triageCall1177')}</a></p>
      <div class="actions"><button class="secondary" type="button" @click=${back}>${t('triageEmergencyBack')}</button></div>
    </div>`;
}

export function issueText(t: T, issue: QuestionnaireIssue): string {
  const text = t(`triageIssue_${issue.code}`, { feature: issue.feature });
  return issue.linkId === undefined ? text : t('triageIssueItem', { linkId: issue.linkId, issue: text });
}

export function renderInvalid(t: T, issues: readonly QuestionnaireIssue[]): TemplateResult {
  return html`
    <div class="invalid" role="alert">
      <p>${t('triageInvalid')}</p>
      <ul>${issues.slice(0, 10).map((i) => html`<li>${issueText(t, i)}</li>`)}</ul>
    </div>
    <p>${t('triageEmergency')}</p>`;
}
