import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ContextConsumer } from '@lit/context';
import type { ChatClient } from '../../core/chat-client.js';
import type { ChatSnapshot } from '../../core/snapshot.js';
import type { Conversation, QuestionnaireResponse } from '../../core/types.js';
import { chatContext } from '../../controllers/chat-context.js';
import { loadFeature } from '../../define/lazy-features.js';
import { translator, type Locale, type MessageKey, type Translate } from '../../i18n/index.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import type { VardComposer } from '../chat-view/composer.js';
import { authorLabel } from '../messages/context.js';
import { styles } from './conversation.styles.js';
import { statusText } from './status.js';
import type { OutboxFile } from '../../core/outbox/types.js';
import type { ThreadItem } from '../../core/conversation-store.js';

/**
 * One conversation: its status (queue, who the patient chats with, whose turn it is), the
 * clinician's presence, the thread, the typing indicator, and the composer — or, once closed,
 * the evaluation and a way to start a new chat.
 *
 * @internal Rendered by `<vard-chat-view>`.
 */
export class VardConversation extends LitElement {
  static override styles = [baseStyles, styles];

  @property() locale: Locale = 'sv';
  /** Shows the "Alla chattar" button (when there is an inbox to go back to). */
  @property({ type: Boolean }) showBack = false;
  @property({ attribute: false }) onBack: (() => void) | undefined;
  @property({ attribute: false }) onNew: (() => void) | undefined;

  @query('vard-composer') private composer: VardComposer | null | undefined;
  @query('.files') private filesButton: HTMLButtonElement | null | undefined;
  /** "Filer i chatten" is open (its list is the attachments chunk's `<vard-file-list>`). */
  @state() private filesOpen = false;
  /** The session's snapshot and intents, from `<vard-chat-view>`. */
  private readonly chat = new ContextConsumer(this, { context: chatContext, subscribe: true });

  /** Focuses the composer; false when there is none (closed conversation). */
  focusComposer(): boolean {
    if (!this.composer) return false;
    this.composer.focus();
    return true;
  }

  override render() {
    const ctx = this.chat.value;
    if (!ctx) return nothing;
    const client = ctx.session.client;
    const snap = ctx.snapshot;
    const t = translator(this.locale);
    const conv = snap.activeConversation;
    const typing = conv && client.store.typing(conv.id);
    return html`
      <div class="bar">
        ${this.showBack ? html`<button type="button" class="back" @click=${() => this.onBack?.()}>← ${t('backToInbox')}</button>` : nothing}
        <div>
          <p class="status" part="status" role="status">${statusText(conv, t, this.locale)}</p>
          ${this.renderPresence(conv, t)}
        </div>
        ${this.renderFiles(client, snap, conv, t)}
      </div>
      <vard-thread exportparts="thread" .locale=${this.locale}></vard-thread>
      <!-- a polite status region, always present, so "Anna skriver …" is announced when it appears -->
      <p class="typing" role="status">${typing ? t('typing', { name: authorLabel(typing, t) }) : ''}</p>
      ${conv?.status === 'closed' ? this.renderClosed(client, snap, conv, t) : html`
        <vard-composer exportparts="composer" .locale=${this.locale} ?canAttach=${client.canAttach} .submit=${(text: string, files?: OutboxFile[]) => {
          const r = client.send(text, files);
          if (r.ok) client.actions.typingStopped();
          return r;
        }} @input=${() => client.actions.typingInput()}></vard-composer>`}
    `;
  }

  /**
   * "Filer i chatten", when the backend lists files: always in an async conversation (it runs
   * over days and its thread pages older messages in lazily, so the loaded messages cannot say
   * whether an older one has a file: that is when the list is needed), otherwise once a loaded
   * message has one.
   */
  private renderFiles(client: ChatClient, snap: ChatSnapshot, conv: Conversation | undefined, t: Translate<MessageKey>) {
    const list = client.listFiles;
    if (!list || !conv || (conv.mode !== 'async' && !snap.threadHasFiles)) return nothing;
    return html`<button type="button" class="files" @click=${this.handleOpenFiles}>${t('filesInChat')}</button>
      ${this.filesOpen ? html`<vard-file-list .locale=${this.locale} .load=${() => list(conv.id)}
        .url=${(id: string) => client.attachmentUrl(conv.id, id)} .onClose=${this.handleFilesClosed}></vard-file-list>` : nothing}`;
  }

  private readonly handleOpenFiles = (): void => {
    // the list comes with the attachments chunk; it opens once the chunk is here
    loadFeature('attachments').then(() => { this.filesOpen = true; }, () => undefined);
  };

  private readonly handleFilesClosed = (): void => {
    this.filesOpen = false;
    void this.updateComplete.then(() => this.filesButton?.focus());
  };

  private renderPresence(conv: Conversation | undefined, t: Translate<MessageKey>) {
    const seen = conv && this.chat.value?.session.client.actions.presence.get(conv.id);
    // only the assigned clinician's presence: after a handover the earlier one's no longer applies
    if (!seen || !conv?.assignee || conv.status === 'closed' || seen.name !== conv.assignee.name) return nothing;
    const online = seen.online;
    const name = authorLabel(conv.assignee, t);
    return html`<p class="presence">${online ? t('presenceOnline', { name }) : t('presenceOffline', { name })}</p>`;
  }

  private renderClosed(client: ChatClient, snap: ChatSnapshot, conv: Conversation, t: Translate<MessageKey>) {
    // the newest evaluation message, looked for from the end (a long thread is not copied)
    let evalMsg: ThreadItem | undefined;
    for (let i = snap.thread.length - 1; i >= 0 && !evalMsg; i--) if (snap.thread[i]!.kind === 'evaluation') evalMsg = snap.thread[i];
    loadFeature('evaluation').catch(() => undefined); // its own chunk (and the payload's check): <vard-evaluation> upgrades when here
    return html`<div class="footer">
      <vard-evaluation .locale=${this.locale} .payload=${evalMsg?.payload} .outcome=${client.actions.evaluated.get(conv.id)}
        .submit=${(qr: QuestionnaireResponse | null) => client.actions.submitEvaluation(qr)}></vard-evaluation>
      <p>${t('closedHint')}</p>
      <button type="button" class="new" @click=${() => this.onNew?.()}>${t('newChat')}</button>
    </div>`;
  }
}
