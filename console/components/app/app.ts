import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { ConsoleStore } from '../../core/console-store.js';
import type { StreamState } from '../../core/event-stream.js';
import { StoreController } from '../../controllers/store-controller.js';
import { consoleTranslator, type ConsoleLocale, type T } from '../../i18n/index.js';
import { consoleStyles } from '../../styles/console.styles.js';
import { ConsoleNoticeEvent, errorText, type Notice } from '../shared/format.js';
import type { VardConsoleConversation } from '../conversation/conversation.js';
import { styles } from './app.styles.js';

/**
 * The clinician console: login, the queues and conversations, the open conversation with its
 * actions and record note, starting a conversation, the evaluation summary. Works on the
 * reference server's console API (`/console/api`) and its live stream.
 *
 * @summary The clinic's side of Vård Chat.
 * @fires vard-console-notice - Bubbles up from the parts; the app shows it (role=status or alert).
 */
export class VardConsole extends LitElement {
  static override styles = [consoleStyles, styles];

  /** The language: Swedish (default) or English. */
  @property({ reflect: true }) locale: ConsoleLocale = 'sv';
  /** The state and acts (tests pass their own). */
  @property({ attribute: false }) store = new ConsoleStore();
  @state() private notice: Notice | undefined;
  @state() private connectionNote = '';
  private bound: StoreController | undefined;
  private lastConnection: StreamState = 'closed';
  /** The server sent the nurse back from a failed SITHS login (`?login_error=1`); the mark is taken off the address. */
  private readonly loginFailed = takeLoginError();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.store.pause();
  }

  constructor() {
    super();
    this.addEventListener(ConsoleNoticeEvent.eventName, (e) => {
      e.stopPropagation();
      this.notice = e.notice;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.store.resume();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) {
      if (this.bound) {
        this.bound.hostDisconnected();
        this.removeController(this.bound);
      }
      this.bound = new StoreController(this, this.store); // addController subscribes when connected
      void this.store.boot().catch((e: unknown) => (this.notice = { kind: 'error', text: errorText(e, this.t) }));
    }
    const conn = this.store.snapshot.connection;
    if (conn !== this.lastConnection) {
      if (conn === 'reconnecting') this.connectionNote = this.t('connectionLost');
      else if (conn === 'open' && this.lastConnection === 'reconnecting') this.connectionNote = this.t('connectionBack');
      else if (conn === 'closed') this.connectionNote = '';
      this.lastConnection = conn;
    }
  }

  private get t(): T {
    return consoleTranslator(this.locale);
  }

  override render() {
    const t = this.t;
    const s = this.store.snapshot;
    return html`
      <header class="top">
        <h1>${t('appTitle')}</h1>
        <div class="who">
          ${s.me && s.phase === 'ready' ? html`<span>${t('signedInAs', { name: s.me.name, profession: s.me.profession })}</span>
            <button type="button" @click=${this.handleLogout}>${t('logout')}</button>` : nothing}
          <label class="lang"><span>${t('language')}</span>
            <select @change=${(e: Event) => (this.locale = (e.target as HTMLSelectElement).value as ConsoleLocale)}>
              <option value="sv" ?selected=${this.locale === 'sv'} lang="sv">Svenska</option>
              <option value="en" ?selected=${this.locale === 'en'} lang="en">English</option>
            </select></label>
        </div>
      </header>
      <div class="notices">
        <p class="status" role="status">${this.notice?.kind === 'info' ? this.notice.text : ''} ${this.connectionNote}</p>
        <div role="alert">${this.notice?.kind === 'error' ? html`<p class="error-box"><span>${this.notice.text}</span>
          <button type="button" @click=${() => (this.notice = undefined)}>${t('dismiss')}</button></p>` : nothing}</div>
      </div>
      <main>
      ${s.phase === 'login' ? html`<vard-console-login .locale=${this.locale} .name=${s.me?.name ?? 'Anna Svensson'}
        .sso=${s.loginOptions?.sso ?? false} .devLogin=${s.loginOptions?.devLogin ?? false} .failed=${this.loginFailed}
        .login=${(name: string, queue: Parameters<ConsoleStore['login']>[1]) => this.store.login(name, queue)}></vard-console-login>` : nothing}
      ${s.phase === 'ready' || s.sessionLost ? keyed(s.me?.name ?? '', this.renderWorkspace(s.phase !== 'ready')) : nothing}
      </main>`;
  }

  private renderWorkspace(hidden: boolean) {
    const s = this.store.snapshot;
    const conv = s.current?.conversation;
    return html`<div class="workspace" ?hidden=${hidden} ?inert=${hidden}>
      <nav class="side" aria-label=${this.t('queuesTitle')}>
        <vard-console-queues .locale=${this.locale} .overview=${s.overview} .currentId=${s.current?.id ?? ''}
          .takeNext=${(q: Parameters<ConsoleStore['takeNext']>[0]) => this.take(q)}
          .openConversation=${(id: string) => this.openConversation(id)}></vard-console-queues>
        <vard-console-start .locale=${this.locale} .patients=${s.overview?.patients ?? []}
          .start=${(req: Parameters<ConsoleStore['start']>[0]) => this.store.start(req).then(() => this.focusConversation())}></vard-console-start>
        <vard-console-evaluations .locale=${this.locale} .store=${this.store}></vard-console-evaluations>
      </nav>
      <div class="main">
        <vard-console-conversation .locale=${this.locale} .store=${this.store} .open=${s.current}>
          ${s.current ? html`<vard-console-actions .locale=${this.locale} .store=${this.store} .conversationId=${s.current.id}
            ?closed=${conv?.status === 'closed'}></vard-console-actions>
            <vard-console-internal-notes .locale=${this.locale} .store=${this.store} .conversationId=${s.current.id}></vard-console-internal-notes>
            <vard-console-note .locale=${this.locale} .store=${this.store} .conversationId=${s.current.id}></vard-console-note>` : nothing}
        </vard-console-conversation>
      </div>
    </div>`;
  }

  private async take(q: Parameters<ConsoleStore['takeNext']>[0]) {
    const c = await this.store.takeNext(q);
    if (c) this.focusConversation();
    return c;
  }

  private async openConversation(id: string): Promise<void> {
    try {
      await this.store.open(id);
      this.focusConversation();
    } catch (e) {
      this.notice = { kind: 'error', text: errorText(e, this.t) };
    }
  }

  private focusConversation(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<VardConsoleConversation>('vard-console-conversation')?.focusHeading());
  }

  private async handleLogout(): Promise<void> {
    try {
      await this.store.logout();
      this.notice = undefined;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('vard-console-login')?.focus());
    } catch (e) {
      this.notice = { kind: 'error', text: errorText(e, this.t) };
    }
  }
}

/** Reads and removes the server's `login_error` mark from the address (nothing else is in it). */
function takeLoginError(): boolean {
  try {
    const url = new URL(location.href);
    if (!url.searchParams.has('login_error')) return false;
    url.searchParams.delete('login_error');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return true;
  } catch {
    return false;
  }
}
