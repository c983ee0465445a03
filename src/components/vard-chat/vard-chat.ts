import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { preloadBackend } from '../../adapters/lazy-backend.js';
import type { ChatBackend } from '../../core/backend.js';
import type { ChatSession } from '../../core/chat-session.js';
import type { AuthConfig } from '../../auth/config.js';
import { looksLikeLoginReturn, takeUiState, wasActive } from '../../auth/return-state.js';
import { VardCloseEvent, VardOpenEvent, type VardUnreadChangeEvent } from '../../events/events.js';
import { direction, resolveLocale } from '../../i18n/locale.js';
import { shellTranslator } from '../../i18n/shell.js';
import type { Locale } from '../../i18n/index.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import type { VardChatView } from '../chat-view/chat-view.js';
import { whenIdle } from '../when-idle.js';
import { styles } from './vard-chat.styles.js';

let panelSeq = 0;

/**
 * The panel's own events stay inside the widget: the triage's (they carry the answers) and the
 * context protocol's (the panel's elements get their session from `<vard-chat-view>`).
 */
const stopAtPanel = (e: Event) => e.stopPropagation();

/**
 * The chat widget: a launcher button and a chat panel. The first load is the launcher only. The
 * panel's code (and the texts of the patient's language) is fetched when the page is idle; when
 * the launcher is hovered or focused the panel is also set up, hidden (its session is checked),
 * so that the click only shows it.
 *
 * @tagname vard-chat
 * @summary Patient chat with a clinic's care staff.
 * @fires {VardOpenEvent} vard-open - The panel opened.
 * @fires {VardCloseEvent} vard-close - The panel closed.
 * @fires {VardLoginEvent} vard-login - The patient logged in.
 * @fires {VardLogoutEvent} vard-logout - The patient logged out or the session ended.
 * @fires {VardMessageSentEvent} vard-message-sent - A patient message was acknowledged (text only with `expose-content`).
 * @fires {VardUnreadChangeEvent} vard-unread-change - The unread count changed.
 * @csspart launcher - The launcher button.
 * @csspart panel - The chat panel (a non-modal dialog).
 * @csspart header - The panel header.
 * @csspart status - The conversation status line.
 * @csspart thread - The message list.
 * @csspart composer - The message composer.
 * @cssproperty [--vard-color-primary=#0b5cad] - Brand colour: launcher, header, buttons (dark scheme: #8cc4ff).
 * @cssproperty [--vard-color-on-primary=#ffffff] - Text on the brand colour.
 * @cssproperty [--vard-color-surface=#ffffff] - Panel background.
 * @cssproperty [--vard-color-on-surface=#1b1f24] - Text on the panel.
 * @cssproperty [--vard-color-muted=#4f5966] - Secondary text (times, states).
 * @cssproperty [--vard-color-border=#8a94a3] - Borders and input outlines.
 * @cssproperty [--vard-color-patient-bubble=#e3eefb] - Background of the patient's messages.
 * @cssproperty [--vard-color-clinic-bubble=#f1f3f5] - Background of the clinic's messages.
 * @cssproperty [--vard-color-error=#b00020] - Error text.
 * @cssproperty [--vard-color-focus=#c25e00] - Focus ring.
 * @cssproperty [--vard-radius=12px] - Corner radius of the panel and bubbles.
 * @cssproperty [--vard-font-family=system-ui] - Font of the widget.
 * @cssproperty [--vard-space=8px] - Base spacing unit.
 * @cssproperty [--vard-z-index=1000] - Stacking order of the widget.
 * @cssproperty [--vard-offset-block=16px] - Distance from the bottom of the viewport.
 * @cssproperty [--vard-offset-inline=16px] - Distance from the side of the viewport.
 * @cssproperty [--vard-panel-width=380px] - Width of the open panel.
 * @cssproperty [--vard-panel-height=600px] - Height of the open panel.
 */
export class VardChat extends LitElement {
  static override styles = [baseStyles, styles];

  // declared without decorators: the launcher is first-load code, and this keeps the
  // decorator helpers (tslib) out of what every page downloads
  static override properties = {
    session: { attribute: false },
    backend: { attribute: false },
    locale: {},
    clinicName: { attribute: 'clinic-name' },
    position: { reflect: true },
    open: { type: Boolean, reflect: true },
    exposeContent: { type: Boolean, attribute: 'expose-content' },
    auth: { attribute: false },
    inactivityMinutes: { type: Number, attribute: 'inactivity-minutes' },
    unread: { type: Number },
    viewLoaded: { state: true },
    panelLocale: { state: true },
    loadFailed: { state: true },
  };

  /** A chat session built by the integrator (`createChatSession`); wins over `backend` and `auth`. */
  session: ChatSession | undefined;
  /** The backend adapter the widget talks to (the widget builds its session from it). */
  backend: ChatBackend | undefined;
  /** UI language: `sv` (default), `en` or `ar` (partial, right to left); else the page's `lang`, else the browser's. */
  locale: string | undefined;
  /** Name of the clinic shown in the panel title (plain text). */
  clinicName: string | undefined;
  /** `right` (default) or `left`. */
  position: 'right' | 'left' = 'right';
  /** Whether the panel is open. */
  open = false;
  /** Opt-in: put message text in `vard-message-sent` events (off: events carry no health content). */
  exposeContent = false;
  /** Login: BFF redirect (default) or browser OIDC; see the README's "Login". */
  auth: AuthConfig | undefined;
  /** Minutes without activity before the patient is logged out (default 15). */
  inactivityMinutes = 15;
  /** Unread clinic messages, shown on the launcher (set by the panel once it has loaded). */
  unread = 0;

  private viewLoaded = false;
  /** The language whose catalogue is loaded and that the panel shows (a switch loads first). */
  private panelLocale: Locale | undefined;
  private cancelIdle: (() => void) | undefined;
  private loadFailed = false;
  private get launcherEl(): HTMLButtonElement | null {
    return this.renderRoot.querySelector('.launcher');
  }
  private get viewEl(): VardChatView | null {
    return this.renderRoot.querySelector('vard-chat-view');
  }

  private readonly panelId = `vard-panel-${++panelSeq}`;

  get resolvedLocale(): Locale {
    return resolveLocale(this.locale, document.documentElement.lang, navigator.language);
  }

  /** Opens the panel and moves focus into it. */
  show(): void {
    if (this.open) return;
    this.open = true;
    this.dispatchEvent(new VardOpenEvent());
  }

  /** Closes the panel and returns focus to the launcher. */
  hide(): void {
    if (!this.open) return;
    this.open = false;
    this.dispatchEvent(new VardCloseEvent());
    void this.updateComplete.then(() => this.launcherEl?.focus());
  }

  /**
   * Downloads the panel's code, the backend adapter's and the language's texts ahead of the
   * first open (then, when idle, builds the date formatters). Cheap once done: the browser
   * keeps the modules, the catalogue is kept.
   */
  async preload(locale = this.resolvedLocale): Promise<void> {
    preloadBackend(this.backend);
    await import('../../define/panel.js');
    // the panel's rehearsal happens in this element's shadow root: the host page's DOM is not touched
    await (customElements.get('vard-chat-view') as typeof VardChatView).prepare(locale, this.renderRoot);
  }

  private readonly handleIdle = (): void => void this.preload().catch(() => undefined);
  /** Hover or focus on the launcher: a click is likely, set the panel up now (hidden). */
  private readonly handleIntent = (): void => void (this.viewLoaded || this.loadView());


  /** Logs the patient out and purges what the widget stored (nothing happens when no one is logged in). */
  async logout(): Promise<void> {
    if (!this.backend && !this.session) return;
    // never opened on this page: the patient may still have a session (a cookie); load the panel to end it
    if (!this.viewLoaded) await this.loadView();
    await this.updateComplete;
    const view = this.viewEl;
    if (!view) return;
    await view.updateComplete;
    await view.logout();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.cancelIdle ??= whenIdle(this.handleIdle);
    // back from the identity provider: reopen where the patient was
    if (takeUiState() || looksLikeLoginReturn(new URL(location.href), this.auth?.mode === 'oidc')) this.open = true;
    // a patient logged in on an earlier page of this tab: set the panel up hidden, so that the
    // inactivity timer runs (its warning opens the panel) although the panel is not opened
    // (as on intent: once rendered, unless it is set up by then)
    else if (wasActive()) void this.updateComplete.then(this.handleIntent);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.cancelIdle?.();
    this.cancelIdle = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('open') && this.open && !this.viewLoaded) || (changed.has('locale') && this.viewLoaded)) void this.loadView();
  }

  protected override updated(changed: PropertyValues): void {
    if ((changed.has('open') || changed.has('viewLoaded')) && this.open) void this.focusInside();
  }

  override render() {
    const lang = this.resolvedLocale;
    const dir = direction(lang);
    const t = shellTranslator(lang);
    return html`
      <button class="launcher" part="launcher" type="button" aria-expanded=${this.open}
        lang=${lang} dir=${dir}
        aria-controls=${this.panelId} ?hidden=${this.open} @click=${this.show}
        @pointerenter=${this.handleIntent} @focus=${this.handleIntent}>
        ${this.unread > 0
          ? html`<span class="visually-hidden">${t('launcherUnread', { count: this.unread })}</span><span aria-hidden="true">${t('launcher')}</span><span class="badge" aria-hidden="true">${this.unread}</span>`
          : t('launcher')}
      </button>
      <section id=${this.panelId} class="panel" part="panel" role="dialog" aria-labelledby="${this.panelId}-title"
        ?hidden=${!this.open} @keydown=${this.handleKeydown} lang=${lang} dir=${dir}>
        <div class="header" part="header">
          <h2 id="${this.panelId}-title" tabindex="-1">${t('panelTitle', { clinic: this.clinicName || t('defaultClinic') })}</h2>
          <button class="close" type="button" @click=${this.hide}>${t('close')}</button>
        </div>
        <div class="body" @vard-request-open=${this.show} @vard-triage-complete=${stopAtPanel}
          @vard-triage-emergency=${stopAtPanel} @context-request=${stopAtPanel} @context-provider=${stopAtPanel}>${this.renderBody(t)}</div>
      </section>
    `;
  }

  private renderBody(t: ReturnType<typeof shellTranslator>) {
    if (!this.open && !this.viewLoaded) return nothing;
    if (this.loadFailed || (this.viewLoaded && !this.backend && !this.session)) {
      return html`<p class="notice" role="alert">${t('unavailable')}</p>`;
    }
    if (!this.viewLoaded) return html`<p class="notice" role="status">${t('loading')}</p>`;
    return html`<vard-chat-view exportparts="status, thread, composer" .session=${this.session} .backend=${this.backend}
      .locale=${this.panelLocale} .auth=${this.auth} .clinicName=${this.clinicName}
      .inactivityMinutes=${this.inactivityMinutes} .exposeContent=${this.exposeContent}
      @vard-unread-change=${(e: VardUnreadChangeEvent) => (this.unread = e.count)}></vard-chat-view>`;
  }

  /** Loads the panel, or a new language for it: it keeps the old one until the new texts are here. */
  private async loadView(): Promise<void> {
    const locale = this.resolvedLocale;
    this.loadFailed = false;
    try {
      await this.preload(locale);
      if (!this.viewLoaded || locale === this.resolvedLocale) this.panelLocale = locale;
      this.viewLoaded = true;
    } catch {
      // a language switch that failed (offline) keeps the panel in the language it has
      if (!this.viewLoaded) this.loadFailed = true;
    }
  }

  private async focusInside(): Promise<void> {
    await this.updateComplete;
    const view = this.viewEl;
    if (view) {
      await view.updateComplete;
      if (view.focusComposer()) return;
    }
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  private handleKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.hide();
    }
  }
}
