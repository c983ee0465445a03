import { LitElement, html, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { ChatBackend } from '../../core/backend.js';
import { ChatController } from '../../controllers/chat-controller.js';
import { translator, type Locale } from '../../i18n/index.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import type { VardConversation } from '../conversation/conversation.js';
import { styles } from './chat-view.styles.js';
import { TitleBadge } from './title-badge.js';

/** Fired with the total number of unread clinic messages whenever it changes. */
export class UnreadEvent extends Event {
  static readonly eventName = 'vard-unread';
  constructor(readonly count: number) {
    super(UnreadEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * The inside of the chat panel: the inbox (the patient's conversations) or one conversation.
 * Loaded lazily by `<vard-chat>` on first open.
 *
 * @internal
 * @fires vard-unread - The unread total changed (UnreadEvent, `count`); the launcher shows it.
 */
export class VardChatView extends LitElement {
  static override styles = [baseStyles, styles];

  @property({ attribute: false }) backend: ChatBackend | undefined;
  @property() locale: Locale = 'sv';

  @state() private view: 'inbox' | 'conversation' | undefined;
  @state() private startFailed = false;
  @query('vard-conversation') private conversation: VardConversation | null | undefined;
  private readonly chat = new ChatController(this);
  private announcement = '';
  private failedSeen = new Set<string>();
  private pendingFocus = false;
  private unread = -1;
  private titleBadge: TitleBadge | undefined;

  /** Focuses the composer; returns false when there is none (loading, error, inbox). */
  focusComposer(): boolean {
    if (!this.conversation?.focusComposer()) {
      // focus it when it appears, unless the patient has moved focus out of the widget meanwhile
      this.pendingFocus = true;
      return false;
    }
    return true;
  }

  /**
   * "Ny chatt": the one entry point for a new conversation. For now it starts one directly;
   * the triage form plugs in here.
   */
  async startNewConversation(): Promise<void> {
    const client = this.chat.client;
    if (!client) return;
    this.startFailed = false;
    this.view = 'conversation';
    try {
      await client.actions.start();
      this.pendingFocus = true;
    } catch {
      this.startFailed = true;
      this.view = 'inbox';
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
    this.titleBadge?.dispose();
    this.titleBadge = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('backend')) this.chat.setBackend(this.backend);
    const client = this.chat.client;
    if (client?.status === 'ready' && !this.view) {
      // none yet, or just one open: straight into the conversation; otherwise the inbox
      const all = client.store.conversations();
      this.view = all.length === 0 || (all.length === 1 && client.activeId) ? 'conversation' : 'inbox';
    }
    this.announceFailures();
    this.followUnread();
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
    if (client.status === 'logged-out') return html`<p class="notice" role="alert">${t('loggedOut')}</p>`;
    const failed = this.startFailed ? html`<p class="notice" role="alert">${t('startFailed')}</p>` : '';
    if (this.view === 'inbox') {
      return html`${failed}<vard-inbox .entries=${client.inbox.entries(client.store.conversations())} .locale=${this.locale}
        .onOpen=${(id: string) => void this.openConversation(id)} .onNew=${() => void this.startNewConversation()}></vard-inbox>`;
    }
    return html`
      <vard-conversation .client=${client} .locale=${this.locale} .showBack=${client.store.conversations().length > 0}
        .onBack=${() => this.showInbox()} .onNew=${() => void this.startNewConversation()}></vard-conversation>
      <p class="visually-hidden" role="status">${this.announcement}</p>
    `;
  }

  protected override async updated(): Promise<void> {
    if (!this.pendingFocus || !this.conversation) return;
    await this.conversation.updateComplete;
    const root = this.getRootNode();
    const inside = root instanceof ShadowRoot && document.activeElement === root.host;
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
    }
  }
}
