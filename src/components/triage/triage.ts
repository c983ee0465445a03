import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { answerFromText, initialAnswers, optionMatches } from '../../core/triage/answers.js';
import { checkQuestionnaire, walk, type CheckResult } from '../../core/triage/check.js';
import { redFlags, type RedFlag } from '../../core/triage/red-flags.js';
import { buildResponse } from '../../core/triage/response.js';
import { contactReason } from '../../core/triage/routing.js';
import { estimateTotal, steps, type Step } from '../../core/triage/steps.js';
import type { Answer, AnswerIssue, Answers, Questionnaire } from '../../core/triage/types.js';
import { validateAnswers, validateItem } from '../../core/triage/validate.js';
import { VardTriageCompleteEvent } from '../../events/triage-complete-event.js';
import { VardTriageEmergencyEvent } from '../../events/triage-emergency-event.js';
import { translator, type Locale, type MessageKey } from '../../i18n/index.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import { draftOf, FIELD_ID, QUESTION_ID, renderField } from './triage-fields.js';
import { styles } from './triage.styles.js';
import { HEADING_ID, renderEmergency, renderInvalid, renderSummary } from './triage-views.js';

const ERROR_ID = 'triage-error';
const ISSUE_KEYS: Record<AnswerIssue['code'], MessageKey> = {
  required: 'triageRequired', 'max-length': 'triageMaxLength', integer: 'triageInteger', decimal: 'triageDecimal',
  date: 'triageDate', option: 'triageOption', boolean: 'triageBoolean',
};
const TYPED = new Set(['string', 'text', 'integer', 'decimal', 'date', 'open-choice']);

/**
 * A FHIR R4 Questionnaire as a chat-like form: one question at a time with Nästa / Tillbaka,
 * a summary before the final button, and emergency guidance instead of going on when an answer
 * raises a red flag. Used before a chat (pre-chat triage) and inside a conversation (a
 * questionnaire the clinic sends): set `submitLabel` for the latter.
 *
 * @tagname vard-triage
 * @summary Pre-chat triage / inline questionnaire. Register it with `vard-chat/triage/define`.
 * @fires {VardTriageCompleteEvent} vard-triage-complete - The patient confirmed the summary: `response` and `reason`.
 * @fires {VardTriageEmergencyEvent} vard-triage-emergency - An answer raised a red flag: `flags`.
 * @csspart triage-form - The form.
 * @csspart emergency - The emergency guidance.
 */
export class VardTriage extends LitElement {
  static override styles = [baseStyles, styles];

  /** The FHIR R4 Questionnaire (untrusted JSON; checked before anything is shown). */
  @property({ attribute: false }) questionnaire: unknown;
  /** UI language. */
  @property() locale: Locale = 'sv';
  /** Label of the final button; "Starta chatten" by default. */
  @property({ attribute: 'submit-label' }) submitLabel: string | undefined;
  /** While true the final button is disabled (the host is sending the answers). */
  @property({ type: Boolean }) busy = false;

  @state() private phase: 'question' | 'summary' | 'emergency' = 'question';
  @state() private current = '';
  @state() private answers: Answers = {};
  @state() private drafts: Record<string, string> = {};
  @state() private error: AnswerIssue | undefined;
  @state() private flags: readonly RedFlag[] = [];
  private checked: CheckResult | undefined;
  /** What the current form was built from (see willUpdate). */
  private key: string | undefined;
  private focusNext: 'field' | 'heading' | undefined;

  /** The checked questionnaire, when it is usable. */
  private get q(): Questionnaire | undefined {
    return this.checked?.ok ? this.checked.questionnaire : undefined;
  }

  /** Moves focus to the current question (or heading). */
  override focus(): void {
    this.focusNext = this.phase === 'question' ? 'field' : 'heading';
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.checked) return this.reset();
    if (!changed.has('questionnaire')) return;
    // A message update (a read mark, a re-sent event) brings the same questionnaire as a new
    // object: only a different one starts the form over, or half-typed answers would be lost.
    const key = contentKey(this.questionnaire);
    if (key === undefined || key !== this.key) this.reset();
  }

  private reset(): void {
    this.key = contentKey(this.questionnaire);
    this.checked = checkQuestionnaire(this.questionnaire);
    const q = this.q;
    this.answers = q ? initialAnswers(q) : {};
    this.drafts = {};
    for (const { item } of walk(q?.item)) {
      if (TYPED.has(item.type)) this.drafts[item.linkId] = draftOf(item, this.answers[item.linkId] ?? []);
    }
    this.phase = 'question';
    this.error = undefined;
    this.current = q ? steps(q, this.answers)[0]?.item.linkId ?? '' : '';
  }

  override render() {
    const t = translator(this.locale);
    const q = this.q;
    if (!q) return html`<section class="triage" aria-label=${t('triageFormLabel')}>${renderInvalid(t, this.checked?.ok === false ? this.checked.issues : [])}</section>`;
    const list = steps(q, this.answers);
    let body;
    if (this.phase === 'emergency') body = renderEmergency(t, this.flags, () => this.back());
    else if (this.phase === 'summary') {
      body = renderSummary(t, this.locale, list, this.answers, {
        change: (id) => this.goTo(id), back: () => this.back(), complete: () => this.complete(),
        submitLabel: this.submitLabel || t('triageStart'), busy: this.busy, preChat: !this.submitLabel,
      });
    } else body = this.renderQuestion(list);
    return html`<section class="triage" part="triage-form" aria-label=${t('triageFormLabel')}>${body}</section>`;
  }

  private renderQuestion(list: readonly Step[]) {
    const t = translator(this.locale);
    const index = Math.max(0, list.findIndex((s) => s.item.linkId === this.current));
    const step = list[index];
    if (!step) return nothing;
    const linkId = step.item.linkId;
    const error = this.error?.linkId === linkId ? this.error : undefined;
    return html`
      <form novalidate @submit=${this.next} @keydown=${this.enterIsNext}>
        <p class="progress">${t('triageProgress', { n: index + 1, total: Math.max(index + 1, estimateTotal(this.q!, this.answers, linkId)) })}</p>
        ${step.groups.length ? html`<p class="group">${step.groups.join(' · ')}</p>` : nothing}
        ${renderField({
          t, locale: this.locale, item: step.item, answers: this.answers[linkId] ?? [], draft: this.drafts[linkId] ?? '',
          errorId: error ? ERROR_ID : undefined,
          onAnswers: (a: Answer[]) => (this.answers = { ...this.answers, [linkId]: a }),
          onDraft: (text: string) => (this.drafts = { ...this.drafts, [linkId]: text }),
        })}
        ${error ? html`<p id=${ERROR_ID} class="error" role="alert">${t(ISSUE_KEYS[error.code], { max: error.max ?? 0 })}</p>` : nothing}
        <div class="actions">
          ${index > 0 ? html`<button class="secondary" type="button" @click=${() => this.back()}>${t('triageBack')}</button>` : nothing}
          <button class="primary" type="submit">${t('triageNext')}</button>
        </div>
      </form>`;
  }

  protected override updated(): void {
    const target = this.focusNext;
    if (!target) return;
    this.focusNext = undefined;
    const root = this.renderRoot;
    const heading = root.querySelector<HTMLElement>(`#${HEADING_ID}`);
    const field = root.querySelector<HTMLElement>(`#${FIELD_ID} input:checked`) ?? root.querySelector<HTMLElement>(`#${FIELD_ID} input`)
      ?? root.querySelector<HTMLElement>(`#${FIELD_ID}`) ?? root.querySelector<HTMLElement>(`#${QUESTION_ID}`);
    ((target === 'heading' ? heading : field) ?? heading ?? field)?.focus();
  }

  private next(e: Event): void {
    e.preventDefault();
    const q = this.q;
    const step = q && steps(q, this.answers).find((s) => s.item.linkId === this.current);
    if (!q || !step) return;
    const item = step.item;
    if (TYPED.has(item.type) && !item.readOnly) {
      const parsed = answerFromText(item, this.drafts[item.linkId] ?? '');
      if (parsed.issue) return this.showError(parsed.issue);
      const chosen = (this.answers[item.linkId] ?? []).filter((a) => item.answerOption?.some((o) => optionMatches(o, a)));
      const typed = parsed.answer ? [parsed.answer] : [];
      this.answers = { ...this.answers, [item.linkId]: item.repeats ? [...chosen, ...typed] : typed.length ? typed : chosen };
    }
    const issue = validateItem(item, this.answers[item.linkId])[0];
    if (issue) return this.showError(issue);
    this.error = undefined;
    if (this.checkFlags(q)) return;
    const list = steps(q, this.answers);
    const following = list[list.findIndex((s) => s.item.linkId === item.linkId) + 1];
    if (following) this.goTo(following.item.linkId);
    else this.show('summary');
  }

  /** Enter on a radio or checkbox goes on, as it does in a text field. */
  private enterIsNext(e: KeyboardEvent): void {
    const target = e.composedPath()[0];
    if (e.key === 'Enter' && target instanceof HTMLInputElement && (target.type === 'radio' || target.type === 'checkbox')) {
      e.preventDefault();
      this.next(e);
    }
  }

  private back(): void {
    this.error = undefined;
    const q = this.q;
    if (!q) return;
    const list = steps(q, this.answers);
    if (this.phase === 'summary') return this.goTo(list[list.length - 1]?.item.linkId ?? this.current);
    if (this.phase === 'emergency') return this.goTo(this.current);
    const i = list.findIndex((s) => s.item.linkId === this.current);
    this.goTo(list[Math.max(0, i - 1)]?.item.linkId ?? this.current);
  }

  private complete(): void {
    const q = this.q;
    if (!q || this.busy) return;
    const issue = validateAnswers(q, this.answers)[0];
    if (issue) {
      this.goTo(issue.linkId);
      return this.showError(issue);
    }
    if (this.checkFlags(q)) return;
    this.dispatchEvent(new VardTriageCompleteEvent(buildResponse(q, this.answers), contactReason(q, this.answers)));
  }

  private checkFlags(q: Questionnaire): boolean {
    const flags = redFlags(q, this.answers);
    if (!flags.length) return false;
    this.flags = flags;
    this.show('emergency');
    this.dispatchEvent(new VardTriageEmergencyEvent(flags));
    return true;
  }

  private goTo(linkId: string): void {
    this.current = linkId;
    this.phase = 'question';
    this.focusNext = 'field';
  }

  private show(phase: 'summary' | 'emergency'): void {
    this.phase = phase;
    this.focusNext = 'heading';
  }

  private showError(issue: AnswerIssue): void {
    this.error = issue;
    this.focusNext = 'field';
    this.requestUpdate();
  }
}

/** The questionnaire's content as a string, to tell a copy from a different one; undefined if it cannot be read. */
function contentKey(q: unknown): string | undefined {
  try {
    return JSON.stringify(q);
  } catch {
    return undefined;
  }
}
