import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatBackend } from '../../core/backend.js';
import type { Conversation } from '../../core/types.js';
import { ChatController } from '../../controllers/chat-controller.js';
import { TriageController } from '../../controllers/triage-controller.js';
import type { ChatClient } from '../../core/chat-client.js';
import type { VardTriageCompleteEvent } from '../../events/triage-complete-event.js';
import { renderNextSteps } from '../triage/next-steps.js';
import { translator, type Locale, type MessageKey, type Translate as T } from '../../i18n/index.js';

type Translate = T<MessageKey>;
import { baseStyles } from '../../styles/tokens.styles.js';
import { styles } from './chat-view.styles.js';
import type { VardComposer } from './composer.js';
import { renderMessage } from './message-item.js';
import { OutboxController } from '../../controllers/outbox-controller.js';
import { renderOutboxNotices } from './outbox-notice.js';
import type { AuthConfig } from '../../auth/config.js';
import { SessionView } from '../login/session-view.js';
import { sessionBarStyles } from '../login/session-bar.js';

/**
 * The inside of the chat panel: conversation status, the thread (a polite live log) and the
 * composer. Loaded lazily by `<vard-chat>` on first open.
 *
 * @internal
 * @csspart thread - The message list.
 */
export class VardChatView extends LitElement {
  static override styles = [baseStyles, styles, sessionBarStyles];

  @property({ attribute: false }) backend: ChatBackend | undefined;
  @property() locale: Locale = 'sv';
  /** Login configuration (see README "Login"). */
  @property({ attribute: false }) auth: AuthConfig | undefined;
  @property({ attribute: false }) clinicName: string | undefined;
  @property({ type: Number }) inactivityMinutes = 15;

  @query('vard-composer') private composer: VardComposer | null | undefined;
  private readonly chat = new ChatController(this);
  private readonly outbox = new OutboxController(this, () => this.chat.client?.outbox);
  private readonly triage = new TriageController(this);
  private readonly login = new SessionView(this, () => this.chat.client);
  private announcement = '';
  private failedSeen = new Set<string>();

  /** Focuses the composer; returns false when there is none (loading, error). */
  focusComposer(): boolean {
    const form = this.renderRoot.querySelector('vard-triage');
    if (form) return form.focus(), true;
    if (!this.composer) {
      // focus it when it appears, unless the patient has moved focus out of the widget meanwhile
      this.pendingFocus = true;
      return false;
    }
    this.composer.focus();
    return true;
  }

  private pendingFocus = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.chat.setBackend(this.login.gate(this.backend));
    this.login.sync();
    if (changed.has('backend')) this.triage.reset();
    const ready = this.chat.client;
    if (this.backend && ready?.status === 'ready' && this.needsTriage(ready)) this.triage.load(this.backend, this.locale);
    this.announceFailures();
  }

  override render() {
    const t = translator(this.locale);
    const client = this.chat.client;
    if (!client || client.status === 'idle' || client.status === 'loading') {
      return html`<p class="notice" role="status">${t('loading')}</p>`;
    }
    if (client.status === 'error') {
      return html`<div class="notice" role="alert"><p>${t('loadFailed')}</p>
        <button class="retry-load" type="button" @click=${() => void client.start()}>${t('tryAgain')}</button></div>`;
    }
    if (client.status === 'logged-out') return this.login.renderLogin();
    if (this.needsTriage(client)) return html`${this.login.renderBar(t)}${this.renderTriage(t, client)}`;
    const conv = client.activeConversation;
    const items = client.thread;
    const time = new Intl.DateTimeFormat(this.locale, { hour: '2-digit', minute: '2-digit' });
    const handlers = { retry: (id: string) => client.retry(id), discard: (id: string) => client.discard(id) };
    const typing = conv && client.store.typing(conv.id);
    return html`
      ${this.login.renderBar(t)}
      <p class="status" part="status" role="status">${statusText(conv, t)}</p>
      ${renderOutboxNotices(this.outbox, t)}
      ${this.triage.done && conv ? renderNextSteps(conv, t, this.locale) : nothing}
      <div class="thread" part="thread" role="log" aria-live="polite" aria-label=${t('threadLabel')} tabindex="0">
        ${items.length === 0 ? html`<p class="empty">${t('emptyThread')}</p>` : nothing}
        <ol class="messages">${repeat(items, (i) => i.key, (i) => renderMessage(i, t, time, handlers))}</ol>
      </div>
      <p class="typing" aria-hidden=${typing ? 'false' : 'true'}>${typing ? t('typing', { name: typing.name || t('someone') }) : ''}</p>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      <vard-composer exportparts="composer" .locale=${this.locale} .submit=${(text: string) => client.send(text)}></vard-composer>
    `;
  }

  private lastCount = 0;

  protected override updated(): void {
    const form = this.renderRoot.querySelector('vard-triage');
    if (this.pendingFocus && form) {
      this.pendingFocus = false;
      const root = this.getRootNode();
      if (root instanceof ShadowRoot && document.activeElement === root.host) form.focus();
    }
    if (this.pendingFocus && this.composer) {
      this.pendingFocus = false;
      const root = this.getRootNode();
      if (root instanceof ShadowRoot && document.activeElement === root.host) this.composer.focus();
    }
    const thread = this.renderRoot.querySelector('.thread');
    const count = this.chat.client?.thread.length ?? 0;
    if (thread && count !== this.lastCount) {
      // follow new messages only when the patient is at (or near) the bottom: never steal their scroll
      const nearBottom = thread.scrollHeight - thread.scrollTop - thread.clientHeight < 120;
      if (nearBottom || this.lastCount === 0) thread.scrollTop = thread.scrollHeight;
    }
    this.lastCount = count;
  }

  /** The pre-chat triage comes first: no conversation yet, nothing written, triage not done. */
  private needsTriage(client: ChatClient): boolean {
    return !client.activeId && client.thread.length === 0 && !this.triage.done && this.triage.status !== 'none';
  }

  private renderTriage(t: Translate, client: ChatClient) {
    const triage = this.triage;
    if (triage.status === 'error') {
      return html`<div class="notice" role="alert"><p>${t('triageLoadFailed')}</p>
        <button class="retry-load" type="button" @click=${() => this.backend && triage.retry(this.backend, this.locale)}>${t('tryAgain')}</button></div>`;
    }
    if (triage.status !== 'ready') return html`<p class="notice" role="status">${t('triageLoading')}</p>`;
    const complete = (e: VardTriageCompleteEvent) => void triage.start(client, e.response, e.reason).then(async () => {
      await this.updateComplete;
      if (triage.done) this.focusComposer();
    });
    return html`<div class="triage-host">
      <vard-triage .questionnaire=${triage.questionnaire} .locale=${this.locale} .busy=${triage.starting} @vard-triage-complete=${complete}></vard-triage>
      ${triage.valid ? nothing : html`<p class="notice"><button class="retry-load" type="button" @click=${() => triage.skip()}>${t('triageSkip')}</button></p>`}
      <p class="notice" role=${triage.startFailed ? 'alert' : 'status'}>${triage.startFailed ? t('triageStartFailed') : triage.starting ? t('triageStarting') : ''}</p>
    </div>`;
  }

  /** Puts newly failed messages into a status region so screen readers hear about them. */
  private announceFailures(): void {
    const t = translator(this.locale);
    const failed = (this.chat.client?.thread ?? []).filter((i) => i.state === 'failed' && i.clientId);
    const fresh = failed.filter((i) => !this.failedSeen.has(i.key));
    this.failedSeen = new Set(failed.map((i) => i.key));
    if (fresh.length) this.announcement = t('stateFailed');
  }
}

function statusText(conv: Conversation | undefined, t: Translate): string {
  if (!conv) return t('statusNew');
  switch (conv.status) {
    case 'queued':
      return conv.queue?.estimatedWaitMinutes !== undefined
        ? t('statusQueuedWait', { position: conv.queue.position, minutes: conv.queue.estimatedWaitMinutes })
        : t('statusQueued', { position: conv.queue?.position ?? 1 });
    case 'active':
      return t('statusActive', { name: conv.assignee?.name || t('someone') });
    case 'waiting-for-clinic':
      return t('statusWaitingForClinic');
    case 'waiting-for-patient':
      return t('statusWaitingForPatient');
    case 'closed':
      return t('statusClosed');
    default:
      return '';
  }
}
