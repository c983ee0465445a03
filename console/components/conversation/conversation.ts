import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consoleTranslator, type ConsoleLocale, type T } from '../../i18n/index.js';
import type { ConsoleStore, OpenConversation } from '../../core/console-store.js';
import { consoleStyles } from '../../styles/console.styles.js';
import { addFiles, fileRefusal, ReplyFileError, templateValues, type ReplyFile } from '../../core/reply.js';
import { ATTACHMENT_TYPES, fillTemplate, placeholdersIn, type AttachmentRef, type Message, type TemplateList } from '../../core/wire.js';
import { authorName, ConsoleNoticeEvent, errorText, queueLabel, timeText } from '../shared/format.js';
import { renderAnswers, renderTriage } from './answers.js';
import { renderFileList } from './files.js';
import { renderMessage } from './message.js';
import { renderChosenFiles, renderTemplatePicker } from './reply-tools.js';
import { styles } from './conversation.styles.js';

const TYPING_IDLE_MS = 3000;

/** A fresh idempotency key for a reply. */
const newClientId = (): string => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID()
  : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(''));

/**
 * The open conversation: who and what, the triage answers, the live thread, the patient's typing,
 * the reply box (Ctrl+Enter sends; typing is signalled to the patient) with its templates and
 * documents, the patient's answers to actions, the conversation's files, then the actions and the
 * record note. A draft (text, files, and its idempotency key until it changes) is kept per
 * conversation and is never cleared by a failed send: sending it again sends it once.
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
  /** What the reply's tools did (a template put in, a file removed), said politely. */
  @state() private replyStatus = '';
  @state() private chosen = new Map<string, ReplyFile[]>();
  @state() private templates: TemplateList | null = null;
  @state() private templatesFailed = false;
  @query('.thread') private thread!: HTMLElement;
  @query('#reply') private replyBox!: HTMLTextAreaElement;
  @query('#reply-file') private fileInput!: HTMLInputElement;
  private readonly drafts = new Map<string, string>();
  /** The key of each conversation's draft as last sent (a failed send is repeated with it); any change makes a new one. */
  private readonly clientIds = new Map<string, string>();
  private templatesAsked = false;
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
        <ol>${repeat(o.messages, (m) => m.id, (m) => renderMessage(m, t, this.locale, this.fileUrl))}</ol>
      </div>
      <p class="typing" aria-live="polite">${o.patientTyping ? t('patientTyping') : ''}</p>
      ${closed ? html`<p class="muted">${t('closedNoReply')}</p>` : this.renderReply(t, o.id)}
      <section aria-labelledby="answers-title" class="answers">
        <h3 id="answers-title">${t('answersTitle')}</h3>
        <div aria-live="polite">${renderAnswers(o, t, this.locale)}</div>
      </section>
      ${renderFileList(o.messages, t, this.locale, this.fileUrl)}
      <slot></slot>`;
  }

  private renderReply(t: T, id: string) {
    const files = this.chosen.get(id) ?? [];
    return html`<form class="reply" @submit=${this.handleSubmit} novalidate>
      <label for="reply">${t('replyLabel')}</label>
      <textarea id="reply" rows="3" maxlength="4000" .value=${this.drafts.get(id) ?? ''}
        aria-describedby=${this.replyError ? 'reply-hint reply-error' : 'reply-hint'}
        @input=${this.handleInput} @keydown=${this.handleKeydown}></textarea>
      <p id="reply-hint" class="hint">${t('replyHint')}</p>
      ${renderChosenFiles(files, t, this.locale, (i) => this.removeFile(id, i))}
      ${this.replyError ? html`<p id="reply-error" class="error" role="alert">${this.replyError}</p>` : nothing}
      <p class="hint" role="status">${this.replyStatus}</p>
      <div class="row tools">
        ${renderTemplatePicker(t, { list: this.templates, failed: this.templatesFailed, insert: () => this.insertTemplate() })}
        <button type="button" id="attach" @click=${() => this.fileInput?.click()}>${t('attachDocument')}</button>
        <input type="file" id="reply-file" hidden tabindex="-1" multiple accept=${ATTACHMENT_TYPES.join(',')} @change=${this.handlePick}>
        <button type="submit" class="primary" ?disabled=${this.sending}>${t('send')}</button>
      </div>
    </form>`;
  }

  /** Where a file of the open conversation opens: staff's download route. */
  private readonly fileUrl = (m: Message, a: AttachmentRef, variant?: 'thumbnail'): string => this.store?.attachmentUrl(m.conversationId, a.id, variant) ?? '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('open') || changed.has('store')) && this.open && this.store && !this.templatesAsked) void this.loadTemplates();
  }

  private async loadTemplates(): Promise<void> {
    this.templatesAsked = true;
    try {
      this.templates = (await this.store?.templates()) ?? null;
      this.templatesFailed = false;
    } catch {
      this.templatesFailed = true;
      this.templatesAsked = false; // asked again when another conversation opens
    }
  }

  /** Puts the chosen template, filled from this conversation, into the reply (after any draft) for the clinician to read and edit. */
  private insertTemplate(): void {
    const t = consoleTranslator(this.locale);
    const id = this.open?.id;
    const select = this.renderRoot.querySelector<HTMLSelectElement>('#template');
    const template = this.templates?.templates.find((x) => x.id === select?.value);
    if (!id || !template) {
      this.replyStatus = t('templateNone');
      select?.focus();
      return;
    }
    const text = fillTemplate(template.text, templateValues({
      patientName: this.open?.conversation?.patient.name, clinicianName: this.store?.snapshot.me?.name, clinicName: this.templates?.clinicName,
    }));
    const before = this.drafts.get(id) ?? '';
    const next = before.trim() ? `${before.replace(/\s+$/, '')}\n\n${text}` : text;
    this.changeDraft(id, next);
    if (this.replyBox) this.replyBox.value = next;
    const left = placeholdersIn(text);
    this.replyStatus = `${t('templateInserted', { title: template.title })}${left.length ? ` ${t('templateLeft', { list: left.join(', ') })}` : ''}`;
    this.replyBox?.focus();
  }

  private handlePick(e: Event): void {
    const id = this.open?.id;
    const input = e.target as HTMLInputElement;
    const picked = [...(input.files ?? [])];
    input.value = '';
    if (!id || !picked.length) return;
    const t = consoleTranslator(this.locale);
    const { files, problems } = addFiles(this.chosen.get(id) ?? [], picked);
    this.setFiles(id, files);
    this.replyStatus = '';
    this.replyError = problems.map((p) => t(`file_${p.kind}`, { name: p.name })).join(' ');
  }

  private removeFile(id: string, index: number): void {
    const files = this.chosen.get(id) ?? [];
    const gone = files[index];
    this.setFiles(id, files.filter((_, i) => i !== index));
    this.replyError = '';
    if (gone) this.replyStatus = consoleTranslator(this.locale)('fileRemoved', { name: gone.name });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#attach')?.focus());
  }

  private setFiles(id: string, files: ReplyFile[]): void {
    const next = new Map(this.chosen);
    if (files.length) next.set(id, files);
    else next.delete(id);
    this.chosen = next;
    this.clientIds.delete(id);
  }

  private changeDraft(id: string, text: string): void {
    this.drafts.set(id, text);
    this.clientIds.delete(id);
  }

  protected override updated(changed: PropertyValues<this>): void {
    const before = changed.get('open') as OpenConversation | null | undefined;
    if (changed.has('open') && this.thread && (before?.id !== this.open?.id || (before?.messages.length ?? 0) < (this.open?.messages.length ?? 0))) {
      this.thread.scrollTop = this.thread.scrollHeight;
    }
    if (changed.has('open') && before?.id !== this.open?.id) {
      this.replyError = '';
      this.replyStatus = '';
    }
  }

  /** Moves focus to the conversation's heading (after taking a patient). */
  focusHeading(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#conv-heading')?.focus());
  }

  private handleInput(e: Event): void {
    const id = this.open?.id;
    if (!id) return;
    this.changeDraft(id, (e.target as HTMLTextAreaElement).value);
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
    const files = (id && this.chosen.get(id)) || [];
    if (!id || (!text.trim() && !files.length) || this.sending) return;
    const t = consoleTranslator(this.locale);
    this.sending = true;
    this.replyError = '';
    this.replyStatus = '';
    clearTimeout(this.typingTimer);
    const clientId = this.clientIds.get(id) ?? newClientId();
    this.clientIds.set(id, clientId);
    try {
      await this.store?.sendReply(text, clientId, files);
      this.drafts.delete(id);
      this.setFiles(id, []);
      if (this.open?.id === id && this.replyBox) this.replyBox.value = '';
    } catch (err) {
      this.sending = false;
      const refusal = err instanceof ReplyFileError ? fileRefusal(err) : null;
      this.replyError = refusal && err instanceof ReplyFileError ? t(`file_${refusal}`, { name: files[err.index]?.name ?? '' }) : errorText(err, t);
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
