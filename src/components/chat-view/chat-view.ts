import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { AuthConfig } from '../../auth/config.js';
import type { ChatBackend } from '../../core/backend.js';
import { ChatController } from '../../controllers/chat-controller.js';
import { OutboxController } from '../../controllers/outbox-controller.js';
import { TriageController } from '../../controllers/triage-controller.js';
import type { ChatClient } from '../../core/chat-client.js';
import { loadFeature } from '../../define/lazy-features.js';
import { VardLoginEvent, VardLogoutEvent, VardMessageSentEvent, VardUnreadChangeEvent } from '../../events/events.js';
import { warmFormatters } from '../../i18n/dates.js';
import { loadCatalogue, translator, type Locale } from '../../i18n/index.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import type { VardConversation } from '../conversation/conversation.js';
import { sessionBarStyles } from '../login/session-bar.js';
import { SessionView } from '../login/session-view.js';
import { renderNextSteps } from '../triage/next-steps.js';
import { styles } from './chat-view.styles.js';
import { renderOutboxNotices } from './outbox-notice.js';
import { whenIdle } from '../when-idle.js';
import { TitleBadge } from './title-badge.js';
import { renderTriageStep } from './triage-step.js';

/** Fired with the total number of unread clinic messages whenever it changes. */
export class UnreadEvent extends Event {
  static readonly eventName = 'vard-unread';
  constructor(readonly count: number) {
    super(UnreadEvent.eventName, { bubbles: true, composed: true });
  }
}

type View = 'inbox' | 'triage' | 'conversation';

/**
 * The inside of the chat panel: the login, the pre-chat triage, the inbox (the patient's
 * conversations) or one conversation. Loaded lazily by `<vard-chat>` on first open.
 *
 * @internal
 * @fires vard-unread - The unread total changed (UnreadEvent, `count`); the launcher shows it.
 */
export class VardChatView extends LitElement {
  static override styles = [baseStyles, styles, sessionBarStyles];

  /**
   * Gets a language ready before the panel shows it: downloads its texts (a chunk each) and,
   * once the browser is idle, builds its date formatters, so the first messages do not wait
   * for them. `<vard-chat>` calls it when it preloads the panel and on a language switch.
   */
  static async prepare(locale: Locale): Promise<void> {
    await loadCatalogue(locale);
    whenIdle(() => warmFormatters(locale));
  }

  @property({ attribute: false }) backend: ChatBackend | undefined;
  @property() locale: Locale = 'sv';
  /** Login configuration (see README "Login"). */
  @property({ attribute: false }) auth: AuthConfig | undefined;
  @property({ attribute: false }) clinicName: string | undefined;
  @property({ type: Number }) inactivityMinutes = 15;
  /** Put message text in `vard-message-sent` (the integrator's opt-in). */
  @property({ type: Boolean }) exposeContent = false;

  @state() private view: View | undefined;
  @state() private startFailed = false;
  @query('vard-conversation') private conversation: VardConversation | null | undefined;
  private readonly chat = new ChatController(this);
  private readonly outbox = new OutboxController(this, () => this.chat.client?.outbox);
  private readonly triage = new TriageController(this, () => loadFeature('triage'));
  private readonly login = new SessionView(this, () => this.chat.client);
  /** The conversation the triage just started: its "what happens next" line shows. */
  private triagedId: string | undefined;
  private announcement = '';
  private failedSeen = new Set<string>();
  private pendingFocus = false;
  private startingNew = false;
  private unread = -1;
  private titleBadge: TitleBadge | undefined;
  /** The client whose acknowledgements are followed, and whether it had a session. */
  private followed: ChatClient | undefined;
  private offSent: (() => void) | undefined;
  private hadSession = false;

  /** Focuses the triage form or the composer; false when there is none yet (it is focused when it appears). */
  focusComposer(): boolean {
    const form = this.renderRoot.querySelector('vard-triage');
    if (form) return form.focus(), true;
    if (!this.conversation?.focusComposer()) {
      this.pendingFocus = true;
      return false;
    }
    return true;
  }

  /**
   * "Ny chatt": the one entry point for a new conversation. With a pre-chat questionnaire the
   * patient answers it first; without one (or with one the engine cannot use) it starts at once.
   */
  async startNewConversation(): Promise<void> {
    const client = this.chat.client;
    if (!client || !this.backend) return;
    this.startFailed = false;
    if (this.triage.status !== 'none') {
      this.triage.again();
      this.triage.load(this.backend, this.locale);
      this.view = 'triage';
      this.pendingFocus = true;
      return;
    }
    // nothing yet: the first message starts the conversation (no empty ones on the server)
    if (client.store.conversations().length === 0) return void (this.view = 'conversation');
    if (this.startingNew) return; // one new conversation per request, however often asked
    this.startingNew = true;
    try {
      await client.actions.start();
      this.view = 'conversation'; // only now: the composer must not show the previous conversation
      this.pendingFocus = true;
    } catch {
      this.startFailed = true;
      this.view = 'inbox';
    } finally {
      this.startingNew = false;
    }
  }

  /** Shows one conversation of the inbox. */
  async openConversation(id: string): Promise<void> {
    this.view = 'conversation';
    this.pendingFocus = true;
    await this.chat.client?.actions.open(id);
  }

  /** Back to the list of conversations. */
  showInbox(): void {
    this.chat.client?.actions.typingStopped();
    this.view = 'inbox';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.titleBadge ??= new TitleBadge();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.offSent?.();
    this.followed = undefined;
    this.titleBadge?.dispose();
    this.titleBadge = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.chat.setBackend(this.login.gate(this.backend));
    this.login.sync();
    if (changed.has('backend')) this.triage.reset();
    const client = this.chat.client;
    if (client?.status !== 'ready') {
      if (client?.status === 'logged-out') this.view = undefined; // a new login chooses again
    } else if (!this.view) {
      const all = client.store.conversations();
      // nothing yet: the triage first (unless messages already wait for a conversation);
      // just one open: straight into it; otherwise the inbox
      if (all.length === 0 && client.thread.length === 0) void this.startNewConversation();
      else this.view = all.length === 0 || (all.length === 1 && client.activeId) ? 'conversation' : 'inbox';
    }
    if (this.view === 'triage' && this.triage.status === 'none' && client) void this.startNewConversation();
    this.announceFailures();
    this.followUnread();
    this.followPublicEvents(client);
  }

  /** The public DOM events (composed, so the host page gets them on <vard-chat>): no health content. */
  private followPublicEvents(client: ChatClient | undefined): void {
    if (client !== this.followed) {
      this.offSent?.();
      this.followed = client;
      this.offSent = client?.on('sent', (m) =>
        this.dispatchEvent(new VardMessageSentEvent(m.conversationId, m.clientId, this.exposeContent ? m.text : undefined)));
    }
    const hasSession = client?.status === 'ready' && !!client.session;
    // "gone": logged out, or the login gate took the client away; loading/error say nothing yet
    const gone = !client || client.status === 'logged-out' || client.status === 'idle';
    if (hasSession && !this.hadSession) {
      this.hadSession = true;
      this.dispatchEvent(new VardLoginEvent());
    } else if (gone && this.hadSession) {
      this.hadSession = false;
      const timedOut = this.login.session.machine.loggedOut === 'timeout';
      this.dispatchEvent(new VardLogoutEvent(timedOut ? 'inactivity' : client?.loadError === 'auth' ? 'expired' : 'user'));
    }
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
    const bar = html`${this.login.renderBar(t)}${renderOutboxNotices(this.outbox, t)}`;
    const failed = this.startFailed ? html`<p class="notice" role="alert">${t('startFailed')}</p>` : nothing;
    if (this.view === 'triage') {
      return html`${bar}${renderTriageStep({
        triage: this.triage, client, locale: this.locale, t,
        back: client.store.conversations().length > 0 ? () => this.showInbox() : undefined,
        retry: () => this.backend && this.triage.retry(this.backend, this.locale),
        started: (id) => {
          this.triagedId = id;
          this.view = 'conversation';
          this.pendingFocus = true;
        },
        skip: () => {
          this.triage.skip();
          void this.startNewConversation();
        },
      })}`;
    }
    if (this.view === 'inbox') {
      return html`${bar}${failed}<vard-inbox .entries=${client.inbox.entries(client.store.conversations())} .locale=${this.locale}
        .onOpen=${(id: string) => void this.openConversation(id)} .onNew=${() => void this.startNewConversation()}></vard-inbox>`;
    }
    const conv = client.activeConversation;
    return html`
      ${bar}
      ${conv && conv.id === this.triagedId ? renderNextSteps(conv, t, this.locale) : nothing}
      <vard-conversation exportparts="status, thread, composer" .client=${client} .locale=${this.locale}
        .showBack=${client.store.conversations().length > 0}
        .onBack=${() => this.showInbox()} .onNew=${() => void this.startNewConversation()}></vard-conversation>
      <p class="visually-hidden" role="status">${this.announcement}</p>
    `;
  }

  protected override async updated(): Promise<void> {
    if (!this.pendingFocus) return;
    const root = this.getRootNode();
    // move focus only when it is in the widget, or nowhere (the focused triage button was just
    // replaced by the conversation): never take it from the host page
    const active = document.activeElement;
    const inside = root instanceof ShadowRoot && (active === root.host || active === null || active === document.body);
    const form = this.renderRoot.querySelector('vard-triage');
    if (form) {
      this.pendingFocus = false;
      if (inside) form.focus();
      return;
    }
    if (!this.conversation) return;
    await this.conversation.updateComplete;
    if (inside && this.conversation.focusComposer()) this.pendingFocus = false;
  }

  /** Puts newly failed messages into a status region so screen readers hear about them. */
  private announceFailures(): void {
    const t = translator(this.locale);
    // failed messages are local ones, which follow the server's: scan only that tail (long histories)
    const thread = this.chat.client?.thread ?? [];
    let from = thread.length;
    while (from > 0 && thread[from - 1]!.seq === undefined) from--;
    const failed = thread.slice(from).filter((i) => i.state === 'failed' && i.clientId);
    const fresh = failed.filter((i) => !this.failedSeen.has(i.key));
    this.failedSeen = new Set(failed.map((i) => i.key));
    if (fresh.length) this.announcement = t('stateFailed');
  }

  /** Tells the launcher the unread total; counts new clinic messages in the tab title while hidden. */
  private followUnread(): void {
    const client = this.chat.client;
    if (client?.status !== 'ready') return;
    const total = client.inbox.total();
    if (total !== this.unread) {
      if (total > this.unread && this.unread >= 0) {
        const t = translator(this.locale);
        this.titleBadge?.bump((count, title) => t('tabTitleUnread', { count, title }));
      }
      this.unread = total;
      this.dispatchEvent(new UnreadEvent(total));
      this.dispatchEvent(new VardUnreadChangeEvent(total));
    }
  }
}
