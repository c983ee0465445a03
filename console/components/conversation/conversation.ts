import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consoleTranslator, type ConsoleLocale, type T } from '../../i18n/index.js';
import type { ConsoleStore, OpenConversation } from '../../core/console-store.js';
import { consoleStyles } from '../../styles/console.styles.js';
import { authorName, ConsoleNoticeEvent, errorText, queueLabel, timeText } from '../shared/format.js';
import { renderAnswers, renderTriage } from './answers.js';
import { renderMessage } from './message.js';
import { styles } from './conversation.styles.js';

const TYPING_IDLE_MS = 3000;

/**
 * The open conversation: who and what, the triage answers, the live thread, the patient's typing,
 * the reply box (Ctrl+Enter sends; typing is signalled to the patient), the patient's answers to
 * actions, then the actions and the record note. A draft is kept per conversation and is never
 * cleared by a failed send.
 *
 * @internal Rendered by `<vard-console>`.
 */
export class VardConsoleConversation extends LitElement {
  static override styles = [consoleStyles, styles];

  @property() locale: ConsoleLocale = 'sv';
  @property({ attribute: false }) store: ConsoleStore | undefined;
  @property({ attribute: false }) open: OpenConversation | null = null;
  @state() private sending = false;
  @state() private replyError = '';
  @query('.thread') private thread!: HTMLElement;
  @query('#reply') private replyBox!: HTMLTextAreaElement;
  private readonly drafts = new Map<string, string>();
  private typingTimer: ReturnType<typeof setTimeout> | undefined;

  override render() {
    const t = consoleTranslator(this.locale);
    const o = this.open;
    if (!o) return html`<p class="empty">${t('noConversation')}</p>`;
    const c = o.conversation;
    const closed = c?.status === 'closed';
    return html`
      <header>
        <h2 id="conv-heading" tabindex="-1">${t('conversationWith', { name: c?.patient.name ?? '' })}</h2>
        ${c ? html`<p class="muted">${t('conversationMeta', { mode: t(`mode_${c.mode}`), status: t(`status_${c.status}`), queue: queueLabel(c.queueName, t) })}
          · ${c.assignee ? t('assignedTo', { name: authorName(c.assignee, t) }) : t('unassigned')}</p>` : nothing}
      </header>
      ${c?.subject ? html`<p>${c.subject}</p>` : nothing}
      ${o.notified?.length ? html`<p class="muted notified">${o.notified.map((n) => t('notified', { time: timeText(n.at, this.locale), channel: t(`notify_${n.channel}`) })).join(' · ')}</p>` : nothing}
      ${o.loaded ? renderTriage(o, t, this.locale) : nothing}
      <h3 id="thread-title">${t('threadLabel')}</h3>
      <div class="thread" role="log" aria-labelledby="thread-title" tabindex="0">
        ${o.messages.length === 0 ? html`<p class="muted">${t('threadEmpty')}</p>` : nothing}
        <ol>${repeat(o.messages, (m) => m.id, (m) => renderMessage(m, t, this.locale))}</ol>
      </div>
      <p class="typing" aria-live="polite">${o.patientTyping ? t('patientTyping') : ''}</p>
      ${closed ? html`<p class="muted">${t('closedNoReply')}</p>` : this.renderReply(t, o.id)}
      <section aria-labelledby="answers-title" class="answers">
        <h3 id="answers-title">${t('answersTitle')}</h3>
        <div aria-live="polite">${renderAnswers(o, t, this.locale)}</div>
      </section>
      <slot></slot>`;
  }

  private renderReply(t: T, id: string) {
    return html`<form class="reply" @submit=${this.handleSubmit} novalidate>
      <label for="reply">${t('replyLabel')}</label>
      <textarea id="reply" rows="3" maxlength="4000" .value=${this.drafts.get(id) ?? ''}
        aria-describedby=${this.replyError ? 'reply-hint reply-error' : 'reply-hint'}
        @input=${this.handleInput} @keydown=${this.handleKeydown}></textarea>
      <p id="reply-hint" class="hint">${t('replyHint')}</p>
      ${this.replyError ? html`<p id="reply-error" class="error" role="alert">${this.replyError}</p>` : nothing}
      <div class="row"><button type="submit" class="primary" ?disabled=${this.sending}>${t('send')}</button></div>
    </form>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const before = changed.get('open') as OpenConversation | null | undefined;
    if (changed.has('open') && this.thread && (before?.id !== this.open?.id || (before?.messages.length ?? 0) < (this.open?.messages.length ?? 0))) {
      this.thread.scrollTop = this.thread.scrollHeight;
    }
    if (changed.has('open') && before?.id !== this.open?.id) this.replyError = '';
  }

  /** Moves focus to the conversation's heading (after taking a patient). */
  focusHeading(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#conv-heading')?.focus());
  }

  private handleInput(e: Event): void {
    const id = this.open?.id;
    if (!id) return;
    this.drafts.set(id, (e.target as HTMLTextAreaElement).value);
    void this.store?.sendTyping(true).catch(() => {});
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => void this.store?.sendTyping(false).catch(() => {}), TYPING_IDLE_MS);
  }

  private handleKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void this.sendReply();
    }
  }

  private handleSubmit(e: Event): void {
    e.preventDefault();
    void this.sendReply();
  }

  private async sendReply(): Promise<void> {
    const id = this.open?.id;
    const text = this.replyBox?.value ?? '';
    if (!id || !text.trim() || this.sending) return;
    const t = consoleTranslator(this.locale);
    this.sending = true;
    this.replyError = '';
    clearTimeout(this.typingTimer);
    try {
      await this.store?.send({ kind: 'text', text });
      this.drafts.delete(id);
      if (this.open?.id === id && this.replyBox) this.replyBox.value = '';
    } catch (err) {
      this.sending = false;
      this.replyError = errorText(err, t);
      this.dispatchEvent(new ConsoleNoticeEvent({ kind: 'error', text: this.replyError }));
    } finally {
      this.sending = false;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.typingTimer);
  }
}
