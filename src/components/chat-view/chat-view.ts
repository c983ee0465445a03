import { ContextProvider } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { AuthConfig } from '../../auth/config.js';
import { markActive, wasActive } from '../../auth/return-state.js';
import { createBrowserSession } from '../../browser/browser-session.js';
import { ChatController } from '../../controllers/chat-controller.js';
import { chatContext } from '../../controllers/chat-context.js';
import { InactivityController } from '../../controllers/inactivity-controller.js';
import { OutboxController } from '../../controllers/outbox-controller.js';
import { TriageController } from '../../controllers/triage-controller.js';
import { featureReady, loadFeature, type Feature } from '../../define/lazy-features.js';
import type { ChatBackend } from '../../core/backend.js';
import type { NotificationsApi } from '../../core/notifications.js';
type NotifyUi = typeof import('../../define/feature-notify.js');
import type { ChatSession } from '../../core/chat-session.js';
import { SessionPhase } from '../../core/session.js';
import type { ChatSnapshot } from '../../core/snapshot.js';
import { VardLoginEvent, VardLogoutEvent, VardMessageSentEvent, VardUnreadChangeEvent } from '../../events/events.js';
import { warmFormatters } from '../../i18n/dates.js';
import { loadCatalogue, translator, type Locale } from '../../i18n/index.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import type { VardConversation } from '../conversation/conversation.js';
import { renderBar, renderLogin } from '../login/login-parts.js';
import { sessionBarStyles } from '../login/session-bar.js';
import { styles } from './chat-view.styles.js';
import { renderOutboxNotices } from './outbox-notice.js';
import { whenIdle } from '../when-idle.js';
import { rehearse } from './rehearsal.js';
import type { TitleBadge } from './title-badge.js';
import { renderTriageStep, type TriageUi } from './triage-step.js';

type View = 'inbox' | 'triage' | 'conversation' | 'notify';

/** Runs `fn` once the next frame is painted, or after 100 ms where no frame comes (a hidden page). */
function afterPaint(fn: () => void): void {
  let done = false;
  const run = () => done || ((done = true), fn());
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, 100);
}

/**
 * The inside of the chat panel: the login, the pre-chat triage, the inbox (the patient's
 * conversations) or one conversation. Loaded lazily by `<vard-chat>` on first open. It renders
 * from the session's snapshot and publishes it (with the session, for intents) to the elements
 * inside through `chatContext`.
 *
 * @internal
 */
export class VardChatView extends LitElement {
  static override styles = [baseStyles, styles, sessionBarStyles];
  static {
    // the session is chosen (and started) in updated(), never in willUpdate: one extra render of
    // "Laddar…" when it changes is the price, and an expected one
    this.disableWarning?.('change-in-update');
  }

  /**
   * Gets a language ready before the panel shows it: downloads its texts (a chunk each) and,
   * once the browser is idle, builds its date formatters, so the first messages do not wait
   * for them. `<vard-chat>` calls it when it preloads the panel and on a language switch.
   */
  static async prepare(locale: Locale, place?: ParentNode): Promise<void> {
    await loadCatalogue(locale);
    whenIdle(() => warmFormatters(locale));
    VardChatView.rehearsed ??= new Promise((done) => whenIdle(() => void rehearse(locale, place).then(done, done)));
  }

  /** The page's one rehearsal of the panel (rehearsal.ts), started by `prepare`; settles when done. */
  static rehearsed: Promise<unknown> | undefined;

  /** @internal A hidden rehearsal (rehearsal.ts): no public event, no stored hint, no timer. */
  rehearsal = false;

  /** A whole chat session (createChatSession); without one, one is built from `backend` and `auth`. */
  @property({ attribute: false }) session: ChatSession | undefined;
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
  private readonly chat = new ChatController(this, (s) => this.handleSnapshot(s));
  private readonly provider = new ContextProvider(this, { context: chatContext });
  private readonly outbox = new OutboxController(this, () => this.chat.snapshot?.outbox);
  private readonly triage = new TriageController<TriageUi>(this, () => loadFeature('triage'));
  private readonly inactivity = new InactivityController(this, {
    // the warning must be seen: ask <vard-chat> to open the panel if it is closed (internal: not
    // composed); its dialog is a chunk of its own, and upgrades in place when here
    warn: () => {
      loadFeature('inactivity').catch(() => undefined);
      this.dispatchEvent(new Event('vard-request-open', { bubbles: true }));
    },
    timeout: () => void this.chat.session?.logout('timeout'),
  });
  /** The session built here from `backend` (not one given by the integrator). */
  private own: { session: ChatSession; backend: ChatBackend; auth: AuthConfig | undefined } | undefined;
  /** The conversation the triage just started: its "what happens next" line shows. */
  private triagedId: string | undefined;
  private announcement = '';
  private failedSeen = new Set<string>();
  private pendingFocus = false;
  private startingNew = false;
  private unread = -1;
  /** The unread count in the tab title, loaded the first time a message comes while the page is hidden. */
  private titleBadge: Promise<TitleBadge> | undefined;
  private offSent: (() => void) | undefined;
  private hadSession = false;
  /** A login's side effects wait for the first paint (handleSnapshot). */
  private settling = false;
  /** Notifications: the feature chunk and the backend's settings API, when it offers a channel (asked once per login). */
  @state() private notify: { ui: NotifyUi; api: NotificationsApi } | undefined;
  private notifyChecked = false;
  /** Feature chunks this view waits for (the login, the inbox), and those whose download failed. */
  private readonly chunks = new Map<Feature, 'loading' | 'failed'>();

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

  /** Logs the patient out (the host page's `VardChat.logout()`). */
  logout(): Promise<void> {
    return this.chat.session?.logout() ?? Promise.resolve();
  }

  /**
   * "Ny chatt": the one entry point for a new conversation. With a pre-chat questionnaire the
   * patient answers it first; without one (or with one the engine cannot use) it starts at once.
   */
  async startNewConversation(): Promise<void> {
    const session = this.chat.session;
    if (!session) return;
    this.startFailed = false;
    if (this.triage.status !== 'none') {
      this.triage.again();
      this.triage.load(session.backend, this.locale);
      this.view = 'triage';
      this.pendingFocus = true;
      return;
    }
    // nothing yet: the first message starts the conversation (no empty ones on the server)
    if (session.snapshot.conversations.length === 0) return void (this.view = 'conversation');
    if (this.startingNew) return; // one new conversation per request, however often asked
    this.startingNew = true;
    try {
      await session.client.actions.start();
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
    await this.chat.session?.client.actions.open(id);
  }

  /** Back to the list of conversations. */
  showInbox(): void {
    this.chat.session?.client.actions.typingStopped();
    this.view = 'inbox';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.titleBadge?.then((b) => b.dispose());
    this.titleBadge = undefined;
  }

  /** Side effects of new properties and states: which session to follow, timers, starts, focus. */
  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('session') || changed.has('backend') || changed.has('auth')) this.useSession();
    if (changed.has('inactivityMinutes')) this.followInactivity(this.chat.snapshot);
    // the backend has no triage (`not-found`): the chat starts without one
    if (this.view === 'triage' && this.triage.status === 'none') void this.startNewConversation();
    if (this.pendingFocus) void this.moveFocus();
  }

  private useSession(): void {
    let session = this.session;
    if (!session && this.backend) {
      if (this.own?.backend !== this.backend || this.own.auth !== this.auth) {
        this.own?.session.dispose();
        this.own = { session: createBrowserSession({ backend: this.backend, auth: this.auth, locale: this.locale }), backend: this.backend, auth: this.auth };
      }
      session = this.own.session;
    }
    if (session === this.chat.session) return;
    // no login in this tab yet: the login view is the likely first view, fetched beside the session
    if (session && !wasActive() && !this.rehearsal) this.need('login');
    this.offSent?.();
    this.offSent = session?.on('sent', (m) =>
      this.dispatchEvent(new VardMessageSentEvent(m.conversationId, m.clientId, this.exposeContent ? m.text : undefined)));
    this.triage.reset();
    this.view = undefined;
    this.chat.use(session);
    if (session) this.handleSnapshot(session.snapshot);
  }

  /** Everything that follows a new state: the view chosen, public events, announcements, timers. */
  private handleSnapshot(s: ChatSnapshot): void {
    const session = this.chat.session;
    if (session) this.provider.setValue({ snapshot: s, session });
    if (s.status === 'logged-out') {
      this.view = undefined; // a new login chooses again
      this.need('login');
    }
    else if (s.status === 'ready' && !this.view) {
      // nothing yet: the triage first (unless messages already wait for a conversation);
      // just one open: straight into it; otherwise the inbox
      const all = s.conversations;
      if (all.length === 0 && s.thread.length === 0) void this.startNewConversation();
      else this.view = all.length === 0 || (all.length === 1 && s.activeId) ? 'conversation' : 'inbox';
    }
    if (this.rehearsal) return;
    this.announceFailures(s);
    this.followUnread(s);
    // a login's side effects (its event, the stored hint, the notification check, the inactivity
    // timer) follow the panel's first paint: the first messages do not wait for them
    if (s.loggedIn && !this.hadSession) {
      if (!this.settling) {
        this.settling = true;
        afterPaint(() => {
          this.settling = false;
          const now = this.chat.snapshot;
          if (now) this.followLogin(now), this.followInactivity(now);
        });
      }
      return;
    }
    this.followLogin(s);
    this.followInactivity(s);
  }

  /** The public DOM events (composed, so the host page gets them on <vard-chat>): no health content. */
  private followLogin(s: ChatSnapshot): void {
    // the hint that sets the panel up on the next page load (inactivity timer) follows the login
    if (s.status === 'logged-out') markActive(false);
    // "gone": logged out; loading and error say nothing yet
    if (s.loggedIn && !this.hadSession) {
      this.hadSession = true;
      void this.checkNotifications();
      markActive(true);
      this.dispatchEvent(new VardLoginEvent());
    } else if ((s.status === 'logged-out' || s.status === 'idle') && this.hadSession) {
      this.hadSession = false;
      this.notify = undefined;
      this.notifyChecked = false;
      const reason = s.login.loggedOut === 'timeout' ? 'inactivity' : s.loadError === 'auth' ? 'expired' : 'user';
      this.dispatchEvent(new VardLogoutEvent(reason));
    }
  }

  /** Whether the backend offers notifications: asks once per login (a chunk of its own); hidden when none. */
  private async checkNotifications(): Promise<void> {
    const backend = this.chat.session?.backend;
    if (this.notifyChecked || !backend?.notifications) return;
    this.notifyChecked = true;
    try {
      const ui = await loadFeature('notify');
      const api = await ui.offered(backend);
      if (api && this.hadSession) this.notify = { ui, api };
    } catch {
      this.notifyChecked = false; // asked again at the next login
    }
  }

  /**
   * A feature chunk a view needs: its download starts once (again after a failure when `retry`),
   * and the view renders again when it settles.
   */
  private need(f: Feature, retry = false): 'ready' | 'loading' | 'failed' {
    if (featureReady(f)) return 'ready';
    const now = this.chunks.get(f);
    if (now === 'loading' || (now === 'failed' && !retry)) return now;
    this.chunks.set(f, 'loading');
    loadFeature(f).then(() => this.chunks.delete(f), () => this.chunks.set(f, 'failed')).finally(() => this.requestUpdate());
    return 'loading';
  }

  private followInactivity(s: ChatSnapshot | undefined): void {
    this.inactivity.set(!!s?.loggedIn && s.login.phase === SessionPhase.Ready, this.inactivityMinutes);
  }

  override render() {
    const t = translator(this.locale);
    const session = this.chat.session;
    const s = this.chat.snapshot;
    if (!session || !s || s.status === 'idle' || s.status === 'loading') {
      return html`<p class="notice" role="status">${t('loading')}</p>`;
    }
    // the login and the inbox are chunks of their own: on their way, or failed (no network)
    const chunk: Feature | undefined = s.status === 'logged-out' ? 'login' : s.status === 'ready' && this.view === 'inbox' ? 'inbox' : undefined;
    const got = chunk && this.need(chunk);
    if (s.status === 'error' || got === 'failed') {
      return html`<div class="notice" role="alert"><p>${t('loadFailed')}</p>
        <button class="retry-load" type="button" @click=${() => void (chunk ? this.need(chunk, true) : session.client.start())}>${t('tryAgain')}</button></div>`;
    }
    if (got === 'loading') return html`<p class="notice" role="status">${t('loading')}</p>`;
    if (s.status === 'logged-out') {
      return renderLogin(s, { locale: this.locale, clinicName: this.clinicName, methods: this.auth?.methods ?? [], login: (m) => void session.loginWith(m) });
    }
    const timer = this.inactivity.timer;
    const bar = html`${renderBar(s, t, {
      locale: this.locale, logout: () => void session.logout(),
      inactivity: timer && { seconds: timer.secondsLeft, warning: this.inactivity.warning, extend: () => this.inactivity.extend() },
    })}${this.notify && this.view !== 'notify' ? this.notify.ui.renderNotifyLink(this.locale, () => void (this.view = 'notify')) : nothing}${renderOutboxNotices(this.outbox, t)}`;
    const failed = this.startFailed ? html`<p class="notice" role="alert">${t('startFailed')}</p>` : nothing;
    const client = session.client;
    if (this.view === 'triage') {
      return html`${bar}${renderTriageStep({
        triage: this.triage, client, locale: this.locale, t,
        back: s.conversations.length > 0 ? () => this.showInbox() : undefined,
        retry: () => this.triage.retry(session.backend, this.locale),
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
    if (this.view === 'notify' && this.notify) {
      return html`${bar}${this.notify.ui.renderNotifySettings(this.notify.api, this.locale, () => void (this.view = s.conversations.length ? 'inbox' : 'conversation'))}`;
    }
    if (this.view === 'inbox') {
      return html`${bar}${failed}<vard-inbox .entries=${client.inbox.entries(s.conversations)} .locale=${this.locale}
        .onOpen=${(id: string) => void this.openConversation(id)} .onNew=${() => void this.startNewConversation()}></vard-inbox>`;
    }
    const conv = s.activeConversation;
    return html`
      ${bar}
      ${conv && conv.id === this.triagedId ? this.triage.ui?.renderNextSteps(conv, t, this.locale) ?? nothing : nothing}
      <vard-conversation exportparts="status, thread, composer" .locale=${this.locale}
        .showBack=${s.conversations.length > 0}
        .onBack=${() => this.showInbox()} .onNew=${() => void this.startNewConversation()}></vard-conversation>
      <p class="visually-hidden" role="status">${this.announcement}</p>
    `;
  }

  private async moveFocus(): Promise<void> {
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
  private announceFailures(s: ChatSnapshot): void {
    // failed messages are the outbox's, which follow the server's: scan only that tail (long histories)
    const thread = s.thread;
    let from = thread.length;
    while (from > 0 && thread[from - 1]!.seq === undefined) from--;
    const failed = thread.slice(from).filter((i) => i.state === 'failed' && i.clientId);
    const fresh = failed.filter((i) => !this.failedSeen.has(i.key));
    this.failedSeen = new Set(failed.map((i) => i.key));
    if (fresh.length) this.announcement = translator(this.locale)('stateFailed');
  }

  /** Tells the launcher (and the host page) the unread total; counts new clinic messages in the tab title while hidden. */
  private followUnread(s: ChatSnapshot): void {
    if (s.status !== 'ready') return;
    const total = s.unread;
    if (total === this.unread) return;
    if (total > this.unread && this.unread >= 0 && document.visibilityState !== 'visible') {
      const t = translator(this.locale);
      const badge = (this.titleBadge ??= import('./title-badge.js').then((m) => new m.TitleBadge()));
      badge.then((b) => b.bump((count, title) => t('tabTitleUnread', { count, title })), () => (this.titleBadge = undefined));
    }
    this.unread = total;
    this.dispatchEvent(new VardUnreadChangeEvent(total));
  }
}
