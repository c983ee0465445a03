import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { ChatBackend } from '../../core/backend.js';
import { resolveLocale } from '../../i18n/locale.js';
import { shellTranslator } from '../../i18n/shell.js';
import type { Locale } from '../../i18n/index.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import type { VardChatView } from '../chat-view/chat-view.js';
import { styles } from './vard-chat.styles.js';

let panelSeq = 0;

/**
 * The chat widget: a launcher button and a chat panel. The panel's code loads on first open,
 * so a page that never opens the chat downloads only the launcher.
 *
 * @summary Patient chat with a clinic's care staff.
 * @csspart launcher - The launcher button.
 * @csspart panel - The chat panel (a non-modal dialog).
 * @csspart header - The panel header.
 * @cssproperty [--vard-color-primary=#0b5cad] - Brand colour of the launcher and header.
 * @cssproperty [--vard-z-index=1000] - Stacking order of the widget.
 * @cssproperty [--vard-panel-width=380px] - Width of the open panel.
 */
export class VardChat extends LitElement {
  static override styles = [baseStyles, styles];

  /** The backend adapter the widget talks to. */
  @property({ attribute: false }) backend: ChatBackend | undefined;
  /** UI language: `sv` (default) or `en`; else the page's `lang`, else the browser's. */
  @property() locale: string | undefined;
  /** Name of the clinic shown in the panel title (plain text). */
  @property({ attribute: 'clinic-name' }) clinicName: string | undefined;
  /** `right` (default) or `left`. */
  @property({ reflect: true }) position: 'right' | 'left' = 'right';
  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;
  /** Unread clinic messages, shown on the launcher (set by the panel once it has loaded). */
  @property({ type: Number }) unread = 0;

  @state() private viewLoaded = false;
  @state() private loadFailed = false;
  @query('.launcher') private launcherEl!: HTMLButtonElement;
  @query('vard-chat-view') private viewEl: VardChatView | null | undefined;

  private readonly panelId = `vard-panel-${++panelSeq}`;

  get resolvedLocale(): Locale {
    return resolveLocale(this.locale, document.documentElement.lang, navigator.language);
  }

  /** Opens the panel and moves focus into it. */
  show(): void {
    this.open = true;
  }

  /** Closes the panel and returns focus to the launcher. */
  hide(): void {
    if (!this.open) return;
    this.open = false;
    void this.updateComplete.then(() => this.launcherEl?.focus());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.open && !this.viewLoaded) void this.loadView();
  }

  protected override updated(changed: PropertyValues): void {
    if ((changed.has('open') || changed.has('viewLoaded')) && this.open) void this.focusInside();
  }

  override render() {
    const t = shellTranslator(this.resolvedLocale);
    return html`
      <button class="launcher" part="launcher" type="button" aria-expanded=${this.open}
        aria-controls=${this.panelId} ?hidden=${this.open} @click=${this.show}>
        ${this.unread > 0
          ? html`<span class="visually-hidden">${t('launcherUnread', { count: this.unread })}</span><span aria-hidden="true">${t('launcher')}</span><span class="badge" aria-hidden="true">${this.unread}</span>`
          : t('launcher')}
      </button>
      <section id=${this.panelId} class="panel" part="panel" role="dialog" aria-labelledby="${this.panelId}-title"
        ?hidden=${!this.open} @keydown=${this.handleKeydown} lang=${this.resolvedLocale}>
        <header part="header">
          <h2 id="${this.panelId}-title" tabindex="-1">${t('panelTitle', { clinic: this.clinicName || t('defaultClinic') })}</h2>
          <button class="close" type="button" @click=${this.hide}>${t('close')}</button>
        </header>
        <div class="body">${this.renderBody(t)}</div>
      </section>
    `;
  }

  private renderBody(t: ReturnType<typeof shellTranslator>) {
    if (!this.open && !this.viewLoaded) return nothing;
    if (this.loadFailed || (this.viewLoaded && !this.backend)) {
      return html`<p class="notice" role="alert">${t('unavailable')}</p>`;
    }
    if (!this.viewLoaded) return html`<p class="notice" role="status">${t('loading')}</p>`;
    return html`<vard-chat-view .backend=${this.backend} .locale=${this.resolvedLocale}
      @vard-unread=${(e: Event & { count?: number }) => (this.unread = e.count ?? 0)}></vard-chat-view>`;
  }

  private async loadView(): Promise<void> {
    try {
      await import('../chat-view/define.js');
      this.viewLoaded = true;
    } catch {
      this.loadFailed = true;
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
